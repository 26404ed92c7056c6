import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LoginThrottle, delayAfter, ACCOUNT_DELAYS, type ThrottleVerdict } from './throttle';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

function fail(throttle: LoginThrottle, username: string, ip: string): void {
  const ticket = throttle.begin(username, ip);
  assert.ok(ticket.allowed, `${username}@${ip} was refused`);
  throttle.finish(ticket, 'failure');
}

const wait = (verdict: ThrottleVerdict) => (verdict.allowed ? 0 : verdict.retryAfterMs);

describe('LoginThrottle', () => {
  it('delays an account after 5 failures from any IP, doubling per failure up to 5 minutes', () => {
    const t = clock();
    const throttle = new LoginThrottle({ now: t.now });
    for (let i = 0; i < 5; i += 1) fail(throttle, 'alice', `10.0.0.${i}`);
    assert.equal(wait(throttle.begin('alice', '10.0.0.99')), 2 * SECOND);
    const bob = throttle.begin('bob', '10.0.0.99');
    assert.ok(bob.allowed, 'other accounts are untouched');
    throttle.finish(bob, 'unchecked');
    t.advance(2 * SECOND);
    fail(throttle, 'Alice', '10.0.0.1');
    assert.equal(wait(throttle.begin('alice', '10.0.0.1')), 4 * SECOND);
    assert.equal(delayAfter(ACCOUNT_DELAYS, 40), 5 * MINUTE, 'capped');
  });

  it('is not a lockout: once the delay has passed a correct password gets in and clears the count', () => {
    const t = clock();
    const throttle = new LoginThrottle({ now: t.now });
    for (let i = 0; i < 14; i += 1) {
      t.advance(5 * MINUTE);
      fail(throttle, 'carol', '203.0.113.5');
    }
    assert.equal(wait(throttle.begin('carol', '10.0.0.1')), 5 * MINUTE, 'an attacker can make her wait at most the cap');
    t.advance(5 * MINUTE);
    const member = throttle.begin('carol', '10.0.0.1');
    assert.ok(member.allowed);
    throttle.finish(member, 'success');
    for (let i = 0; i < 4; i += 1) fail(throttle, 'carol', '10.0.0.2');
    assert.ok(throttle.begin('carol', '10.0.0.3').allowed, 'success restarted the account count');
  });

  it('counts attempts in flight: 40 simultaneous guesses start 5, the rest wait without being checked', () => {
    const throttle = new LoginThrottle({ now: clock().now });
    const verdicts = Array.from({ length: 40 }, (_, i) => throttle.begin('dave', `10.1.0.${i}`));
    assert.equal(verdicts.filter((v) => v.allowed).length, 5);
    for (const v of verdicts) if (v.allowed) throttle.finish(v, 'failure');
    assert.equal(throttle.begin('dave', '10.1.1.1').allowed, false);
  });

  it('slows one IP after 20 failures across accounts for at most 30 s, then lets a member behind it in', () => {
    const t = clock();
    const throttle = new LoginThrottle({ now: t.now });
    for (let i = 0; i < 20; i += 1) fail(throttle, `user${i}`, '192.0.2.7');
    assert.equal(wait(throttle.begin('fresh', '192.0.2.7')), 1 * SECOND);
    assert.ok(throttle.begin('fresh', '192.0.2.8').allowed, 'other IPs are untouched');
    for (let i = 0; i < 30; i += 1) {
      t.advance(30 * SECOND);
      fail(throttle, `spray${i}`, '192.0.2.7');
    }
    assert.equal(wait(throttle.begin('member', '192.0.2.7')), 30 * SECOND, 'the per-IP delay is capped');
    t.advance(30 * SECOND);
    assert.ok(throttle.begin('member', '192.0.2.7').allowed);
  });

  it('40 simultaneous guesses for different accounts from one IP: 20 start', () => {
    const throttle = new LoginThrottle({ now: clock().now });
    const verdicts = Array.from({ length: 40 }, (_, i) => throttle.begin(`acct${i}`, '198.51.100.1'));
    assert.equal(verdicts.filter((v) => v.allowed).length, 20);
  });

  it('forgets failures after 15 quiet minutes', () => {
    const t = clock();
    const throttle = new LoginThrottle({ now: t.now });
    for (let i = 0; i < 5; i += 1) fail(throttle, 'erin', '10.0.0.1');
    t.advance(15 * MINUTE);
    for (let i = 0; i < 5; i += 1) fail(throttle, 'erin', '10.0.0.1');
    assert.equal(wait(throttle.begin('erin', '10.0.0.3')), 2 * SECOND, 'the count restarted instead of reaching 10');
  });

  it('stays within maxKeys, dropping the least recently failed keys first', () => {
    const t = clock();
    const throttle = new LoginThrottle({ now: t.now, maxKeys: 50 });
    for (let i = 0; i < 500; i += 1) {
      t.advance(1);
      fail(throttle, `guess${i}`, `10.2.${i % 256}.${Math.floor(i / 256)}`);
    }
    assert.ok(throttle.size <= 52, `size ${throttle.size}`);
    for (let i = 0; i < 5; i += 1) fail(throttle, 'recent', '10.3.0.1');
    assert.equal(throttle.begin('recent', '10.4.0.1').allowed, false, 'the newest delay survives eviction');
  });
});
