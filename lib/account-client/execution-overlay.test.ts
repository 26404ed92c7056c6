import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DeskOrder } from '../desk-api/orders';
import { executionReports, ExecutionOverlay } from './execution-overlay';

const order = (txid: string, fields: Partial<DeskOrder> = {}): DeskOrder => ({
  txid, clOrdId: null, symbol: 'BTC/USD', side: 'buy', type: 'limit', status: 'open', volume: '0.50000000', volumeExecuted: '0.00000000',
  price: '30000.0', price2: null, avgPrice: null, cost: '0.00000', fee: '0.00000', openTime: 1795626000,
  closeTime: null, description: 'buy 0.50000000 XBTUSD @ limit 30000.0', member: { id: 2, username: 'trader' }, outsideDesk: false, ...fields,
});

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

test('a partial fill and an amend show at once on the listed order; other orders are untouched', () => {
  const c = clock();
  const overlay = new ExecutionOverlay(c.now);
  const listed = [order('OA'), order('OB')];
  const unseen = overlay.record(
    executionReports([
      { orderId: 'OA', orderType: 'limit', execType: 'trade', orderStatus: 'partially_filled', cumQty: '0.20000000', cumCost: '6000.00000', avgPrice: '30000.0' },
      { orderId: 'OA', orderType: 'limit', execType: 'amended', orderStatus: 'partially_filled', orderQty: '0.40000000', limitPrice: '29950.0' },
    ]),
    listed,
  );
  assert.equal(unseen, false);
  const [a, b] = overlay.apply(listed);
  assert.deepEqual(
    { volumeExecuted: a?.volumeExecuted, cost: a?.cost, avgPrice: a?.avgPrice, volume: a?.volume, price: a?.price, member: a?.member?.username },
    { volumeExecuted: '0.20000000', cost: '6000.00000', avgPrice: '30000.0', volume: '0.40000000', price: '29950.0', member: 'trader' },
  );
  assert.equal(b, listed[1]);
});

test('cancelled, expired and filled orders leave the list, and an older list from the cache cannot bring them back', () => {
  const c = clock();
  const overlay = new ExecutionOverlay(c.now);
  const listed = [order('OA'), order('OB'), order('OC'), order('OD')];
  overlay.record(
    executionReports([
      { orderId: 'OA', execType: 'canceled', orderStatus: 'canceled' },
      { orderId: 'OB', execType: 'expired', orderStatus: 'expired' },
      { orderId: 'OC', execType: 'trade', orderStatus: 'filled', cumQty: '0.50000000' },
    ]),
    listed,
  );
  assert.deepEqual(overlay.apply(listed).map((o) => o.txid), ['OD']);
  c.advance(4000);
  assert.deepEqual(overlay.apply(listed).map((o) => o.txid), ['OD'], 'a 3 s old cached list still shows them: hidden');
  c.advance(7000);
  assert.deepEqual(overlay.apply(listed).map((o) => o.txid), ['OA', 'OB', 'OC', 'OD'], 'after the hold the API is trusted again');
});

test('a live order the list has never shown asks for a read (its member comes from the API); a closed one does not', () => {
  const overlay = new ExecutionOverlay(clock().now);
  const listed = [order('OA')];
  assert.equal(overlay.record(executionReports([{ orderId: 'ONEW', execType: 'new', orderStatus: 'new', orderType: 'limit' }]), listed), true);
  assert.equal(overlay.record(executionReports([{ orderId: 'OGONE', execType: 'canceled', orderStatus: 'canceled' }]), listed), false);
  assert.deepEqual(overlay.apply(listed).map((o) => o.txid), ['OA'], 'nothing is invented without the API');
});

test('a newer list keeps its larger fill over an older report; trigger prices and market sizes are not taken from reports', () => {
  const overlay = new ExecutionOverlay(clock().now);
  overlay.record(
    executionReports([
      { orderId: 'OA', orderType: 'limit', orderStatus: 'partially_filled', cumQty: '0.10000000' },
      { orderId: 'OS', orderType: 'stop-loss-limit', orderStatus: 'new', limitPrice: '25000.0', orderQty: '1.00000000' },
      { orderId: 'OM', orderType: 'market', orderStatus: 'pending_new', orderQty: '100.00' },
    ]),
    [],
  );
  const [a, s, m] = overlay.apply([
    order('OA', { volumeExecuted: '0.30000000' }),
    order('OS', { type: 'stop-loss-limit', price: '26000.0' }),
    order('OM', { type: 'market', volume: '0.00300000', status: 'open' }),
  ]);
  assert.equal(a?.volumeExecuted, '0.30000000');
  assert.equal(s?.price, '26000.0', 'the listed trigger price stays');
  assert.equal(s?.volume, '1.00000000');
  assert.equal(m?.volume, '0.00300000');
  assert.equal(m?.status, 'pending');
});

test('frames that are not execution rows are ignored, never thrown on', () => {
  assert.deepEqual(executionReports(null), []);
  assert.deepEqual(executionReports([{ execType: 'trade' }, 'x', { orderId: 7 }]), []);
  assert.deepEqual(executionReports([{ orderId: 'OA', cumQty: 0.5 }]), [], 'the hub sends decimal text, never numbers');
  assert.deepEqual(executionReports([{ orderId: 'OA', cumQty: '0.5' }]), [{ orderId: 'OA', cumQty: '0.5' }]);
});
