import { test } from 'node:test';
import assert from 'node:assert/strict';
import { RestCounter, TradingCounter, tradingCost } from './rate-counters';
import { Clock, harness } from './test-helpers';

test('REST counter: starter allows 15 calls, then decays at 0.33/s', () => {
  const clock = new Clock();
  const c = new RestCounter('starter', clock.now);
  for (let i = 0; i < 15; i++) assert.equal(c.charge('k', 'Balance'), true, `call ${i + 1}`);
  assert.equal(c.charge('k', 'Balance'), false);
  assert.equal(c.charge('other', 'Balance'), true, 'per key');
  clock.advance(3);
  assert.equal(c.charge('k', 'Balance'), false, '0.99 decayed is not enough');
  clock.advance(0.1);
  assert.equal(c.charge('k', 'Balance'), true);
});

test('REST counter: ledger and trade history cost 2, trading calls cost nothing', () => {
  const clock = new Clock();
  const c = new RestCounter('pro', clock.now);
  for (let i = 0; i < 10; i++) assert.equal(c.charge('k', 'Ledgers'), true);
  assert.equal(c.charge('k', 'TradesHistory'), false);
  assert.equal(c.charge('k', 'QueryLedgers'), false);
  assert.equal(c.charge('k', 'AddOrder'), true);
  assert.equal(c.charge('k', 'CancelOrder'), true);
  clock.advance(1);
  assert.equal(c.charge('k', 'Balance'), true, 'pro decays 1/s');
});

test('trading cost table matches Kraken by order age', () => {
  assert.deepEqual(tradingCost({ kind: 'add' }), { fixed: 1, variable: 0 });
  assert.deepEqual(tradingCost({ kind: 'cancel', ageMs: 4_999 }), { fixed: 0, variable: 8 });
  assert.deepEqual(tradingCost({ kind: 'cancel', ageMs: 5_000 }), { fixed: 0, variable: 6 });
  assert.deepEqual(tradingCost({ kind: 'cancel', ageMs: 44_000 }), { fixed: 0, variable: 4 });
  assert.deepEqual(tradingCost({ kind: 'cancel', ageMs: 299_000 }), { fixed: 0, variable: 1 });
  assert.deepEqual(tradingCost({ kind: 'cancel', ageMs: 300_000 }), { fixed: 0, variable: 0 });
  assert.deepEqual(tradingCost({ kind: 'amend', ageMs: 1_000 }), { fixed: 1, variable: 3 });
  assert.deepEqual(tradingCost({ kind: 'amend', ageMs: 12_000 }), { fixed: 1, variable: 1 });
  assert.deepEqual(tradingCost({ kind: 'edit', ageMs: 60_000 }), { fixed: 1, variable: 1 });
  assert.deepEqual(tradingCost({ kind: 'batch-add', count: 6 }), { fixed: 3, variable: 0 });
});

test('trading counter: threshold per pair, decay by tier', () => {
  const clock = new Clock();
  const c = new TradingCounter('starter', clock.now);
  for (let i = 0; i < 60; i++) assert.equal(c.charge('XXBTZUSD', [{ kind: 'add' }]), true);
  assert.equal(c.charge('XXBTZUSD', [{ kind: 'add' }]), false);
  assert.equal(c.charge('XETHZUSD', [{ kind: 'add' }]), true, 'other pair unaffected');
  clock.advance(10);
  assert.equal(Math.round(c.value('XXBTZUSD')), 51, 'fixed part of the rejected add was still charged, then −1/s');
  assert.equal(c.charge('XXBTZUSD', [{ kind: 'cancel', ageMs: 1000 }]), true);
  assert.equal(c.charge('XXBTZUSD', [{ kind: 'cancel', ageMs: 1000 }]), false, '59 + 8 > 60');
});

test('AddOrder answers EOrder:Rate limit exceeded once the pair counter is full', async () => {
  const h = harness({ tier: 'starter' }, 0);
  const add = { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '20000.0', volume: '0.001' };
  let first: string | undefined;
  for (let i = 0; i < 80 && first === undefined; i++) {
    const r = await h.call('AddOrder', add);
    if (r.error.length) first = r.error[0];
  }
  assert.equal(first, 'EOrder:Rate limit exceeded');
  const open = await h.ok('OpenOrders');
  assert.ok(Object.keys(open.open).length >= 60);
  await h.trading.close();
});
