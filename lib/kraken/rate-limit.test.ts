import { test } from 'node:test';
import assert from 'node:assert/strict';
import { callCost, createRateCounter, TIER_LIMITS, type Tier } from './rate-limit';

/** A virtual clock: sleeping advances time instantly, so pacing tests are deterministic. */
function virtualClock(start = 1_700_000_000_000) {
  let t = start;
  return { now: () => t, sleep: async (ms: number) => { t += ms; }, advance: (ms: number) => { t += ms; } };
}

/** Kraken's side of the counter, as the docs describe it: reject when a call would exceed the maximum. */
function krakenCounter(tier: Tier, now: () => number) {
  const { max, decayPerSecond } = TIER_LIMITS[tier];
  let level = 0;
  let at = now();
  let rejected = 0;
  return {
    call(method: string): boolean {
      level = Math.max(0, level - ((now() - at) / 1000) * decayPerSecond);
      at = now();
      const cost = callCost(method);
      if (level + cost > max + 1e-9) { rejected++; return false; }
      level += cost;
      return true;
    },
    rejected: () => rejected,
  };
}

test('call costs follow Kraken: trading 0, history 2, others 1', () => {
  for (const m of ['AddOrder', 'AmendOrder', 'EditOrder', 'CancelOrder', 'CancelAll', 'CancelAllOrdersAfter']) assert.equal(callCost(m), 0, m);
  for (const m of ['Ledgers', 'QueryLedgers', 'TradesHistory']) assert.equal(callCost(m), 2, m);
  for (const m of ['Balance', 'OpenOrders', 'ClosedOrders', 'QueryOrders', 'GetWebSocketsToken']) assert.equal(callCost(m), 1, m);
});

test('starter: 15 calls pass at once, then one call every ~3 s', async () => {
  const clock = virtualClock();
  const start = clock.now();
  const limiter = createRateCounter({ tier: 'starter', ...clock });
  for (let i = 0; i < 15; i++) await limiter.acquire('Balance');
  assert.equal(clock.now(), start);
  await limiter.acquire('Balance');
  assert.equal(clock.now() - start, Math.ceil(1000 / 0.33));
});

for (const tier of ['starter', 'intermediate', 'pro'] as const) {
  test(`${tier}: 200 mixed concurrent calls are paced with zero rejections by a Kraken-like counter`, async () => {
    const clock = virtualClock();
    const limiter = createRateCounter({ tier, ...clock });
    const kraken = krakenCounter(tier, clock.now);
    const methods = ['Balance', 'Ledgers', 'AddOrder', 'TradesHistory', 'OpenOrders', 'CancelOrder', 'QueryLedgers'];
    const start = clock.now();
    await Promise.all(Array.from({ length: 200 }, async (_, i) => {
      const method = methods[i % methods.length]!;
      await limiter.acquire(method);
      assert.ok(kraken.call(method), `rejected ${method} #${i}`);
    }));
    assert.equal(kraken.rejected(), 0);
    const units = Array.from({ length: 200 }, (_, i) => callCost(methods[i % methods.length]!)).reduce<number>((a, b) => a + b, 0);
    const { max, decayPerSecond } = TIER_LIMITS[tier];
    const minimumSeconds = (units - max) / decayPerSecond;
    assert.ok((clock.now() - start) / 1000 >= minimumSeconds - 1, 'pacing cannot be faster than the decay allows');
  });
}

test('trading calls never wait, even with a full counter', async () => {
  const clock = virtualClock();
  const limiter = createRateCounter({ tier: 'starter', ...clock });
  limiter.markExceeded();
  const start = clock.now();
  await limiter.acquire('AddOrder');
  await limiter.acquire('CancelOrder');
  assert.equal(clock.now(), start);
});

test('markExceeded treats the counter as full and the next call waits for decay', async () => {
  const clock = virtualClock();
  const limiter = createRateCounter({ tier: 'pro', ...clock });
  await limiter.acquire('Balance');
  limiter.markExceeded();
  assert.equal(limiter.level(), 20);
  const start = clock.now();
  await limiter.acquire('Ledgers');
  assert.equal(clock.now() - start, 2000);
});

test('the counter decays with time', async () => {
  const clock = virtualClock();
  const limiter = createRateCounter({ tier: 'intermediate', ...clock });
  for (let i = 0; i < 10; i++) await limiter.acquire('Balance');
  clock.advance(4000);
  assert.equal(limiter.level(), 8);
  clock.advance(60_000);
  assert.equal(limiter.level(), 0);
});
