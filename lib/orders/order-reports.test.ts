import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExecutionUpdate } from '../kraken/account-updates';
import { createOrderReports } from './order-reports';

const row = (fields: Partial<ExecutionUpdate>): ExecutionUpdate => ({ orderId: 'OA-1', clOrdId: 'c-1', ...fields });

test('an order is settled by its latest report past pending_new, with what the reports carried', async () => {
  const reports = createOrderReports();
  reports.observe('snapshot', []);
  reports.observe('update', [row({ execType: 'pending_new', orderStatus: 'pending_new', timestamp: '2026-12-05T10:00:00.000Z' })]);
  assert.equal(await reports.settled('c-1', { waitMs: 0 }), undefined, 'pending_new says nothing yet');
  reports.observe('update', [row({ execType: 'new', orderStatus: 'new', cumQty: '0', cumCost: '0', avgPrice: '0' })]);
  assert.deepEqual(await reports.settled('c-1', { waitMs: 0 }), {
    orderId: 'OA-1', status: 'open', volumeExecuted: '0', cost: '0', avgPrice: '0', fee: '0', reason: undefined, openTime: Date.parse('2026-12-05T10:00:00.000Z') / 1000, closeTime: undefined,
  });
  // a fill's row without cl_ord_id still reaches the order through its id
  reports.observe('update', [{ orderId: 'OA-1', execType: 'trade', orderStatus: 'filled', cumQty: '0.5', cumCost: '15000', avgPrice: '30000', timestamp: '2026-12-05T10:00:01.000Z' }]);
  const filled = await reports.settled('c-1', { waitMs: 0, terminal: true });
  assert.equal(filled?.status, 'closed');
  assert.equal(filled?.volumeExecuted, '0.5');
  assert.equal(filled?.closeTime, Date.parse('2026-12-05T10:00:01.000Z') / 1000);
});

test("a cancelled order keeps Kraken's reason; an order that cannot rest waits for its last report", async () => {
  const reports = createOrderReports();
  reports.observe('snapshot', []);
  reports.observe('update', [row({ orderStatus: 'new' })]);
  const waiting = reports.settled('c-1', { waitMs: 2_000, terminal: true });
  setTimeout(() => reports.observe('update', [row({ execType: 'canceled', orderStatus: 'canceled', reason: 'Immediate or cancel' })]), 5);
  const settled = await waiting;
  assert.equal(settled?.status, 'canceled');
  assert.equal(settled?.reason, 'Immediate or cancel');
});

test('a report that comes while waiting ends the wait; none in time answers nothing', async () => {
  const reports = createOrderReports();
  reports.observe('snapshot', []);
  const waiting = reports.settled('c-2', { waitMs: 2_000 });
  setTimeout(() => reports.observe('update', [row({ orderId: 'OB-2', clOrdId: 'c-2', orderStatus: 'new' })]), 5);
  const started = Date.now();
  assert.equal((await waiting)?.orderId, 'OB-2');
  assert.ok(Date.now() - started < 1_000, 'the wait ended with the report, not at its limit');
  assert.equal(await reports.settled('c-3', { waitMs: 20 }), undefined);
});

test('nothing is trusted before the snapshot or after a lost connection, until the next snapshot', async () => {
  const reports = createOrderReports();
  reports.observe('update', [row({ orderStatus: 'new' })]);
  assert.equal(await reports.settled('c-1', { waitMs: 1_000 }), undefined, 'no snapshot yet: answers at once with nothing');
  reports.observe('snapshot', [row({ orderStatus: 'new' })]);
  assert.equal((await reports.settled('c-1', { waitMs: 0 }))?.status, 'open');
  reports.connection('stale');
  assert.equal((await reports.settled('c-1', { waitMs: 0 }))?.status, 'open', 'stale is the same socket, merely quiet');
  reports.connection('resyncing');
  assert.equal(await reports.settled('c-1', { waitMs: 1_000 }), undefined);
  reports.observe('update', [row({ orderStatus: 'filled' })]);
  assert.equal(await reports.settled('c-1', { waitMs: 0 }), undefined, 'updates before the new snapshot are not enough');
  reports.observe('snapshot', []);
  assert.equal((await reports.settled('c-1', { waitMs: 0 }))?.status, 'closed');
});

test('reports are kept for a while and in bounded number, the oldest news dropped first', async () => {
  let now = 0;
  const reports = createOrderReports({ now: () => now, keepMs: 1_000, maxOrders: 3 });
  reports.observe('snapshot', []);
  for (let i = 1; i <= 4; i++) reports.observe('update', [row({ orderId: `O-${i}`, clOrdId: `c-${i}`, orderStatus: 'new' })]);
  assert.equal(await reports.settled('c-1', { waitMs: 0 }), undefined, 'past the cap, the oldest went');
  assert.equal((await reports.settled('c-2', { waitMs: 0 }))?.orderId, 'O-2');
  now = 900;
  reports.observe('update', [row({ orderId: 'O-2', clOrdId: 'c-2', orderStatus: 'filled' })]);
  now = 1_500;
  reports.observe('update', [row({ orderId: 'O-5', clOrdId: 'c-5', orderStatus: 'new' })]);
  assert.equal(await reports.settled('c-3', { waitMs: 0 }), undefined, 'no news for longer than keepMs');
  assert.equal((await reports.settled('c-2', { waitMs: 0 }))?.status, 'closed', 'recent news keeps an order');
});

test("fills' fees add up once each, in the quote currency; a fee in another asset leaves the fee unknown", async () => {
  const reports = createOrderReports();
  reports.observe('snapshot', []);
  const fill = (execId: string, fees: { asset: string; qty: string }[], clOrdId = 'c-1', orderId = 'OA-1') =>
    row({ orderId, clOrdId, symbol: 'BTC/USD', execType: 'trade', orderStatus: 'partially_filled', cumQty: '0.1', execId, fees });
  reports.observe('update', [fill('T1', [{ asset: 'USD', qty: '0.26' }]), fill('T2', [{ asset: 'USD', qty: '0.14' }])]);
  // a resubscribe's snapshot repeats a recent fill
  reports.observe('snapshot', [fill('T2', [{ asset: 'USD', qty: '0.14' }])]);
  assert.equal((await reports.settled('c-1', { waitMs: 0 }))?.fee, '0.4');
  reports.observe('update', [fill('T3', [{ asset: 'USD', qty: '1' }], 'c-2', 'OB-2'), fill('T4', [{ asset: 'BTC', qty: '0.00001' }], 'c-2', 'OB-2')]);
  assert.equal((await reports.settled('c-2', { waitMs: 0 }))?.fee, undefined);
});
