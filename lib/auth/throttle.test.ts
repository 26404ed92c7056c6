import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { LoginThrottle } from './throttle';

const MINUTE = 60_000;

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

describe('LoginThrottle', () => {
  it('locks an account after 5 failures within 15 minutes, from any IP', () => {
    const t = clock();
    const throttle = new LoginThrottle({ now: t.now });
    for (let i = 0; i < 4; i += 1) {
      throttle.recordFailure('alice', `10.0.0.${i}`);
      assert.deepEqual(throttle.check('alice', '10.0.0.99'), { allowed: true });
    }
    throttle.recordFailure('Alice', '10.0.0.4');
    assert.deepEqual(throttle.check('alice', '10.0.0.99'), { allowed: false, retryAfterMs: 5 * MINUTE });
    assert.deepEqual(throttle.check('bob', '10.0.0.99'), { allowed: true }, 'other accounts are untouched');
    t.advance(2 * MINUTE);
    assert.deepEqual(throttle.check('alice', '10.0.0.1'), { allowed: false, retryAfterMs: 3 * MINUTE });
    t.advance(3 * MINUTE);
    assert.deepEqual(throttle.check('alice', '10.0.0.1'), { allowed: true });
  });

  it('only counts failures inside the sliding window', () => {
    const t = clock();
    const throttle = new LoginThrottle({ now: t.now });
    for (let i = 0; i < 4; i += 1) throttle.recordFailure('carol', '10.0.0.1');
    t.advance(15 * MINUTE);
    throttle.recordFailure('carol', '10.0.0.1');
    assert.deepEqual(throttle.check('carol', '10.0.0.1'), { allowed: true });
  });

  it('doubles the lock each time it is reached again, up to the cap', () => {
    const t = clock();
    const throttle = new LoginThrottle({ now: t.now });
    const locks: number[] = [];
    for (let round = 0; round < 6; round += 1) {
      for (let i = 0; i < 5; i += 1) throttle.recordFailure('dave', `10.1.${round}.${i}`);
      const verdict = throttle.check('dave', '10.9.9.9');
      assert.equal(verdict.allowed, false);
      if (!verdict.allowed) locks.push(verdict.retryAfterMs / MINUTE);
      t.advance(verdict.allowed ? 0 : verdict.retryAfterMs);
    }
    assert.deepEqual(locks, [5, 10, 20, 40, 60, 60]);
  });

  it('forgets lock history after a quiet day', () => {
    const t = clock();
    const throttle = new LoginThrottle({ now: t.now });
    for (let i = 0; i < 5; i += 1) throttle.recordFailure('erin', '10.0.0.1');
    t.advance(24 * 60 * MINUTE);
    for (let i = 0; i < 5; i += 1) throttle.recordFailure('erin', '10.0.0.2');
    assert.deepEqual(throttle.check('erin', '10.0.0.3'), { allowed: false, retryAfterMs: 5 * MINUTE });
  });

  it('locks an IP after 20 failures across many accounts', () => {
    const t = clock();
    const throttle = new LoginThrottle({ now: t.now });
    for (let i = 0; i < 19; i += 1) throttle.recordFailure(`user${i}`, '192.0.2.7');
    assert.deepEqual(throttle.check('fresh', '192.0.2.7'), { allowed: true });
    throttle.recordFailure('user19', '192.0.2.7');
    assert.deepEqual(throttle.check('fresh', '192.0.2.7'), { allowed: false, retryAfterMs: 5 * MINUTE });
    assert.deepEqual(throttle.check('fresh', '192.0.2.8'), { allowed: true }, 'other IPs are untouched');
  });

  it('clears the account count on success but keeps the IP count', () => {
    const t = clock();
    const throttle = new LoginThrottle({ now: t.now, ip: { maxFailures: 6 } });
    for (let i = 0; i < 4; i += 1) throttle.recordFailure('frank', '10.0.0.1');
    throttle.recordSuccess('FRANK');
    throttle.recordFailure('frank', '10.0.0.1');
    assert.deepEqual(throttle.check('frank', '10.0.0.2'), { allowed: true }, 'account count restarted');
    throttle.recordFailure('someone', '10.0.0.1');
    assert.equal(throttle.check('other', '10.0.0.1').allowed, false, 'IP reached 6 failures');
  });

  it('stays within maxKeys, dropping the least recently failed keys first', () => {
    const t = clock();
    const throttle = new LoginThrottle({ now: t.now, maxKeys: 50 });
    for (let i = 0; i < 500; i += 1) {
      throttle.recordFailure(`guess${i}`, `10.2.${i % 256}.${Math.floor(i / 256)}`);
      t.advance(1);
      assert.ok(throttle.size <= 50, `size ${throttle.size}`);
    }
    for (let i = 0; i < 5; i += 1) throttle.recordFailure('recent', '10.3.0.1');
    assert.equal(throttle.check('recent', '10.4.0.1').allowed, false, 'the newest lock survives eviction');
  });
});
