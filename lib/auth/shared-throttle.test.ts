import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { memoryThrottleStore, SharedLoginThrottle, STALE_IN_FLIGHT_MS } from './shared-throttle';
import type { ThrottleVerdict } from './throttle';

const SECOND = 1000;

function clock(start = 1_000_000) {
  let now = start;
  return { now: () => now, advance: (ms: number) => (now += ms) };
}

const wait = (verdict: ThrottleVerdict) => (verdict.allowed ? 0 : verdict.retryAfterMs);

async function fail(throttle: SharedLoginThrottle, username: string, ip: string): Promise<void> {
  const ticket = await throttle.begin(username, ip);
  assert.ok(ticket.allowed, `${username}@${ip} was refused`);
  await throttle.finish(ticket, 'failure');
}

describe('SharedLoginThrottle (the rules of LoginThrottle on a shared store)', () => {
  it('two instances on one store count failures together: the 6th attempt waits 2 s wherever it lands', async () => {
    const t = clock();
    const store = memoryThrottleStore();
    const [a, b] = [new SharedLoginThrottle(store, { now: t.now }), new SharedLoginThrottle(store, { now: t.now })];
    for (let i = 0; i < 5; i++) await fail(i % 2 ? a : b, 'alice', `10.0.0.${i}`);
    assert.equal(wait(await a.begin('alice', '10.0.0.9')), 2 * SECOND);
    assert.equal(wait(await b.begin('alice', '10.0.0.9')), 2 * SECOND);
    t.advance(2 * SECOND);
    const ok = await b.begin('alice', '10.0.0.9');
    assert.ok(ok.allowed);
    await b.finish(ok, 'success');
    const after = await a.begin('alice', '10.0.0.9');
    assert.ok(after.allowed, 'a success clears the account');
  });

  it('40 simultaneous guesses over two instances: only the free allowance is checked', async () => {
    const t = clock();
    const store = memoryThrottleStore();
    const throttles = [new SharedLoginThrottle(store, { now: t.now }), new SharedLoginThrottle(store, { now: t.now })];
    const verdicts = await Promise.all(Array.from({ length: 40 }, (_, i) => throttles[i % 2]!.begin('bob', `10.1.0.${i}`)));
    assert.equal(verdicts.filter((v) => v.allowed).length, 5);
  });

  it('an attempt left in flight by an instance that died stops counting after a minute', async () => {
    const t = clock();
    const store = memoryThrottleStore();
    const throttle = new SharedLoginThrottle(store, { now: t.now });
    for (let i = 0; i < 5; i++) assert.ok((await throttle.begin('carol', `10.2.0.${i}`)).allowed);
    assert.ok(!(await throttle.begin('carol', '10.2.0.9')).allowed);
    t.advance(STALE_IN_FLIGHT_MS);
    assert.ok((await throttle.begin('carol', '10.2.0.9')).allowed);
  });
});
