import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BTC, harness, type Loose } from './test-helpers';

const LIMIT = { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '29000.0', volume: '0.1' };

test('AmendOrder changes price and quantity in place, keeps the txid and marks misc amended', async () => {
  const h = harness();
  const id = (await h.ok('AddOrder', { ...LIMIT, cl_ord_id: 'amend-me' })).txid[0];
  const r = await h.ok('AmendOrder', { txid: id, limit_price: '29100.0', order_qty: '0.2' });
  assert.match(r.amend_id, /^T[A-Z2-7]{5}-/);
  const o = (await h.ok('QueryOrders', { txid: id }))[id];
  assert.equal(o.descr.price, '29100.0');
  assert.equal(o.vol, '0.20000000');
  assert.equal(o.misc, 'amended');
  assert.equal(o.descr.order, 'buy 0.20000000 XBTUSD @ limit 29100.0');
  await h.ok('AmendOrder', { cl_ord_id: 'amend-me', limit_price: '29200.0' });
  const history = await h.ok('OrderAmends', { order_id: id });
  assert.equal(history.count, 3);
  assert.deepEqual(history.amends.map((a: Loose) => [a.amend_type, a.order_qty, a.limit_price]), [
    ['original', '0.10000000', '29000.0'], ['user', '0.20000000', '29100.0'], ['user', '0.20000000', '29200.0'],
  ]);
  assert.equal(history.amends[1].amend_id, r.amend_id);
  assert.equal((await h.ok('QueryOrders', { txid: id }))[id].descr.price, '29200.0');
  assert.equal(await h.err('AmendOrder', { txid: id, limit_price: '30100.0', post_only: 'true' }), 'EOrder:Post only order');
  assert.equal(await h.err('AmendOrder', { txid: id, order_qty: '100' }), 'EOrder:Insufficient funds');
  await h.ok('AmendOrder', { txid: id, limit_price: '30100.0' });
  const filled = (await h.ok('QueryOrders', { txid: id }))[id];
  assert.equal(filled.status, 'closed', 'an amend that crosses takes liquidity');
  assert.equal(filled.price, '30010.0');
  await h.trading.close();
});

test('AmendOrder moves a stop trigger and an iceberg display size', async () => {
  const h = harness();
  const stop = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'sell', ordertype: 'stop-loss', price: '29000.0', volume: '0.1' })).txid[0];
  await h.ok('AmendOrder', { txid: stop, trigger_price: '28000.0' });
  h.market.move(BTC.id, '28500.0');
  assert.equal((await h.ok('QueryOrders', { txid: stop }))[stop].status, 'open');
  const ice = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'sell', ordertype: 'iceberg', price: '31000.0', volume: '1.5', displayvol: '0.5' })).txid[0];
  assert.equal(await h.err('AmendOrder', { txid: ice, display_qty: '0.05' }), 'EGeneral:Invalid arguments:display_qty');
  await h.ok('AmendOrder', { txid: ice, display_qty: '0.75' });
  h.market.move(BTC.id, '31100.0');
  assert.equal((await h.ok('QueryOrders', { txid: ice }))[ice].vol_exec, '0.75000000');
  await h.trading.close();
});

test('CancelOrder by txid, by userref (all carrying it) and by cl_ord_id; CancelAll counts', async () => {
  const h = harness();
  const a = (await h.ok('AddOrder', { ...LIMIT, userref: '42' })).txid[0];
  await h.ok('AddOrder', { ...LIMIT, userref: '42' });
  await h.ok('AddOrder', { ...LIMIT, cl_ord_id: 'c-1' });
  await h.ok('AddOrder', LIMIT);
  await h.ok('AddOrder', LIMIT);
  assert.deepEqual(await h.ok('CancelOrder', { txid: '42' }), { count: 2 });
  assert.equal((await h.ok('QueryOrders', { txid: a }))[a].status, 'canceled');
  assert.equal((await h.ok('QueryOrders', { txid: a }))[a].reason, 'User requested');
  assert.deepEqual(await h.ok('CancelOrder', { cl_ord_id: 'c-1' }), { count: 1 });
  assert.deepEqual(await h.ok('CancelAll'), { count: 2 });
  assert.deepEqual(await h.ok('CancelAll'), { count: 0 });
  await h.trading.close();
});

test('CancelAllOrdersAfter arms a dead-man switch that cancels every open order; 0 disarms', async () => {
  const h = harness({}, 0);
  await h.ok('AddOrder', LIMIT);
  await h.ok('AddOrder', { ...LIMIT, price: '28000.0' });
  const armed = await h.ok('CancelAllOrdersAfter', { timeout: '60' });
  assert.match(armed.currentTime, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  assert.equal(Date.parse(armed.triggerTime) - Date.parse(armed.currentTime), 60_000);
  assert.deepEqual(await h.ok('CancelAllOrdersAfter', { timeout: '0' }), { currentTime: armed.currentTime, triggerTime: '0' });
  h.clock.advance(61);
  assert.equal(Object.keys((await h.ok('OpenOrders')).open).length, 2, 'disarmed');
  await h.ok('CancelAllOrdersAfter', { timeout: '30' });
  h.clock.advance(29);
  assert.equal(Object.keys((await h.ok('OpenOrders')).open).length, 2);
  h.clock.advance(1);
  h.market.emit(BTC.id);
  assert.deepEqual((await h.ok('OpenOrders')).open, {});
  const closed = await h.ok('ClosedOrders');
  assert.equal(closed.count, 2);
  await h.trading.close();
});

test('ClosedOrders pages 50 newest first with count; ofs, userref and closetime filters', async () => {
  const h = harness({}, 3);
  const ids: string[] = [];
  for (let i = 0; i < 55; i++) {
    const id = (await h.ok('AddOrder', { ...LIMIT, userref: String(i % 2) })).txid[0];
    await h.ok('CancelOrder', { txid: id });
    ids.push(id);
  }
  const page = await h.ok('ClosedOrders');
  assert.equal(page.count, 55);
  const keys = Object.keys(page.closed);
  assert.equal(keys.length, 50);
  assert.equal(keys[0], ids[54]);
  const next = await h.ok('ClosedOrders', { ofs: '50' });
  assert.deepEqual(Object.keys(next.closed), ids.slice(0, 5).reverse());
  assert.equal((await h.ok('ClosedOrders', { userref: '1' })).count, 27);
  const startAt = (await h.ok('QueryOrders', { txid: ids[49]! }))[ids[49]!].opentm;
  assert.equal((await h.ok('ClosedOrders', { start: String(startAt), closetime: 'open' })).count, 5);
  assert.equal((await h.ok('ClosedOrders', { end: ids[4]!, closetime: 'open' })).count, 5);
  await h.trading.close();
});

test('AddOrderBatch places each order (per-row errors) and CancelOrderBatch cancels by id', async () => {
  const h = harness();
  const body = new URLSearchParams({
    pair: 'XBTUSD',
    'orders[0][ordertype]': 'limit', 'orders[0][type]': 'buy', 'orders[0][volume]': '0.1', 'orders[0][price]': '29000.0',
    'orders[1][ordertype]': 'limit', 'orders[1][type]': 'sell', 'orders[1][volume]': '9.99', 'orders[1][price]': '31000.0',
    'orders[2][ordertype]': 'limit', 'orders[2][type]': 'sell', 'orders[2][volume]': '0.1', 'orders[2][price]': '31000.0',
  });
  const r = await h.ok('AddOrderBatch', Object.fromEntries(body));
  assert.equal(r.orders.length, 3);
  assert.equal(typeof r.orders[0].txid, 'string');
  assert.equal(r.orders[1].error, 'EOrder:Insufficient funds', '9.99 BTC + base fee exceeds the 10 BTC balance');
  assert.equal(r.orders[2].descr.order, 'sell 0.10000000 XBTUSD @ limit 31000.0');
  const bad = await h.err('AddOrderBatch', { pair: 'XBTUSD', 'orders[0][ordertype]': 'limit', 'orders[0][type]': 'buy', 'orders[0][volume]': '0.1', 'orders[0][price]': '29000.0', 'orders[1][ordertype]': 'bogus', 'orders[1][type]': 'buy', 'orders[1][volume]': '0.1' });
  assert.equal(bad, 'EGeneral:Invalid arguments:ordertype', 'one invalid order rejects the batch');
  assert.equal(Object.keys((await h.ok('OpenOrders')).open).length, 2);
  const c = await h.ok('CancelOrderBatch', { 'orders[0]': r.orders[0].txid, 'orders[1]': r.orders[2].txid });
  assert.deepEqual(c, { count: 2 });
  await h.trading.close();
});

test('EditOrder replaces an order with a new txid', async () => {
  const h = harness();
  const id = (await h.ok('AddOrder', LIMIT)).txid[0];
  const r = await h.ok('EditOrder', { txid: id, pair: 'XBTUSD', price: '29500.0' });
  assert.equal(r.status, 'ok');
  assert.equal(r.originaltxid, id);
  assert.notEqual(r.txid, id);
  assert.equal(r.descr.order, 'buy 0.10000000 XBTUSD @ limit 29500.0');
  assert.equal((await h.ok('QueryOrders', { txid: id }))[id].status, 'canceled');
  await h.trading.close();
});

test('EditOrder that cannot be placed leaves the original order untouched (funds, another pair)', async () => {
  const h = harness();
  const id = (await h.ok('AddOrder', LIMIT)).txid[0];
  assert.equal(await h.err('EditOrder', { txid: id, pair: 'XBTUSD', volume: '100' }), 'EOrder:Insufficient funds');
  assert.equal(await h.err('EditOrder', { txid: id, pair: 'ETHUSD', volume: '0.2' }), 'EOrder:Invalid order');
  const open = (await h.ok('OpenOrders')).open;
  assert.deepEqual(Object.keys(open), [id]);
  assert.equal(open[id].descr.order, 'buy 0.10000000 XBTUSD @ limit 29000.0');
  await h.trading.close();
});

test('conditional close: once the order fills, a close order for the executed volume is placed', async () => {
  const h = harness();
  const r = await h.ok('AddOrder', {
    pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '29500.0', volume: '0.1', userref: '77',
    'close[ordertype]': 'stop-loss-limit', 'close[price]': '28000.0', 'close[price2]': '27900.0',
  });
  assert.equal(r.descr.close, 'close position @ stop loss 28000.0 -> limit 27900.0');
  const id = r.txid[0];
  assert.equal((await h.ok('QueryOrders', { txid: id }))[id].descr.close, 'close position @ stop loss 28000.0 -> limit 27900.0');
  assert.equal(Object.keys((await h.ok('OpenOrders')).open).length, 1, 'no close before the fill');
  h.market.move(BTC.id, '29400.0');
  const open = Object.values((await h.ok('OpenOrders')).open) as Loose[];
  assert.equal(open.length, 1);
  assert.equal(open[0].descr.order, 'sell 0.10000000 XBTUSD @ stop loss 28000.0 -> limit 27900.0');
  assert.equal(open[0].userref, 77);
  assert.equal(await h.err('AddOrder', { ...LIMIT, 'close[ordertype]': 'market', 'close[price]': '1' }), 'EGeneral:Invalid arguments:close[ordertype]');
  assert.equal(await h.err('AddOrder', { ...LIMIT, 'close[ordertype]': 'limit' }), 'EGeneral:Invalid arguments:close[price]');
  await h.trading.close();
});
