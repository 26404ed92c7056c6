import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  balancesFrameSchema, executionsFrameSchema, heartbeatFrameSchema, responseSchema, statusFrameSchema,
} from '../../../lib/kraken/ws-schemas';
import { BTC, KEY, SECRET, harness } from './test-helpers';
import { TestSocket, authSession, serveAuthSocket, type Frame } from './ws-test-helpers';

const setup = authSession;

const exec = (type: string, id?: string) => (f: Frame) =>
  f.channel === 'executions' && f.type === 'update' && f.data[0]?.exec_type === type && (id === undefined || f.data[0].order_id === id);

test('status on connect, ping/pong, token required, malformed frames answered', async (t) => {
  const { ws, token, done, h } = await setup();
  t.after(done);
  assert.equal(typeof token, 'string');
  const status = await ws.next((f) => f.channel === 'status');
  assert.equal(status.data[0].system, 'online');
  assert.equal(status.data[0].api_version, 'v2');
  assert.match(status.data[0].connection_id, /^\d+$/);
  ws.send({ method: 'ping', req_id: 7 });
  const pong = await ws.next((f) => f.method === 'pong');
  assert.equal(pong.req_id, 7);
  assert.match(pong.time_in, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/);
  ws.send({ method: 'subscribe', params: { channel: 'executions', token: 'bogus' }, req_id: 8 });
  const denied = await ws.next((f) => f.req_id === 8);
  assert.deepEqual([denied.success, denied.error], [false, 'EAPI:Invalid token']);
  ws.send({ method: 'add_order', params: { order_type: 'limit', side: 'buy', order_qty: 0.1, symbol: 'BTC/USD', limit_price: 29000 }, req_id: 9 });
  assert.equal((await ws.next((f) => f.req_id === 9)).error, 'EAPI:Invalid token');
  ws.send('{not json');
  const bad = await ws.next((f) => f.success === false && f.req_id === undefined);
  assert.match(bad.error, /Invalid arguments/);
  ws.send({ method: 'add_order', params: { token, order_type: 'limit', side: 'buy', order_qty: 0.1, symbol: 'BTC/USD', limit_price: 29000, colour: 'red' }, req_id: 10 });
  assert.equal((await ws.next((f) => f.req_id === 10)).error, "Unsupported field: 'colour'");
  assert.deepEqual((await h.ok('OpenOrders')).open, {});
});

test('executions: snapshot, add_order lifecycle pending_new → new → trade → filled, cancel with reason', async (t) => {
  const { h, ws, token, done } = await setup();
  t.after(done);
  const resting = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'sell', ordertype: 'limit', price: '31000.0', volume: '0.5' })).txid[0];
  await h.ok('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'market', volume: '0.1' });
  ws.send({ method: 'subscribe', params: { channel: 'executions', token, snap_trades: true }, req_id: 1 });
  const ack = await ws.next((f) => f.method === 'subscribe' && f.req_id === 1);
  assert.equal(ack.success, true);
  assert.equal(ack.result.channel, 'executions');
  assert.equal(ack.result.maxratecount, 180);
  const snap = await ws.next((f) => f.channel === 'executions' && f.type === 'snapshot');
  assert.equal(snap.data.length, 1);
  assert.equal(snap.data[0].order_id, resting);
  assert.equal(snap.data[0].limit_price, '31000.0');
  assert.equal(snap.data[0].order_status, 'new');
  const tradeSnap = await ws.next((f) => f.channel === 'executions' && f.type === 'snapshot' && f.data[0]?.exec_type === 'trade');
  assert.equal(tradeSnap.data[0].last_price, '30010.0');
  assert.ok(/"last_price":30010\.0[,}]/.test(ws.raw.find((r) => r.includes('"last_price"')) ?? ''), 'numbers are bare JSON numbers with engine precision');

  ws.send({ method: 'add_order', params: { token, order_type: 'limit', side: 'buy', order_qty: 0.2, symbol: 'BTC/USD', limit_price: 29500.0, order_userref: 5, time_in_force: 'gtc' }, req_id: 2 });
  const added = await ws.next((f) => f.method === 'add_order');
  assert.equal(added.success, true);
  const id = added.result.order_id as string;
  assert.equal(added.result.order_userref, 5);
  const pending = await ws.next(exec('pending_new', id));
  assert.equal(pending.data[0].order_qty, '0.20000000');
  assert.equal(pending.data[0].symbol, 'BTC/USD');
  assert.equal(pending.data[0].order_userref, 5);
  assert.equal(typeof pending.sequence, 'number');
  await ws.next(exec('new', id));
  h.market.move(BTC.id, '29400.0');
  const trade = (await ws.next(exec('trade', id))).data[0];
  assert.equal(trade.last_qty, '0.20000000');
  assert.equal(trade.last_price, '29500.0');
  assert.equal(trade.liquidity_ind, 'm');
  assert.equal(trade.cost, '5900.00000');
  assert.deepEqual(trade.fees, [{ asset: 'USD', qty: '14.75000' }]);
  assert.equal(trade.order_status, 'filled');
  await ws.next(exec('filled', id));

  ws.send({ method: 'cancel_order', params: { token, order_id: [resting] }, req_id: 3 });
  const cancelled = await ws.next((f) => f.method === 'cancel_order');
  assert.deepEqual(cancelled.result, { order_id: resting });
  const report = (await ws.next(exec('canceled', resting))).data[0];
  assert.equal(report.cancel_reason, 'User requested');
  const seqs = ws.frames.filter((f) => f.channel === 'executions').map((f) => f.sequence);
  assert.deepEqual(seqs, seqs.map((_, i) => i + 1), 'sequence increments by one per executions message');
});

test('balances: snapshot with common codes and ledger-driven updates', async (t) => {
  const { h, ws, token, done } = await setup();
  t.after(done);
  ws.send({ method: 'subscribe', params: { channel: 'balances', token }, req_id: 1 });
  const snap = await ws.next((f) => f.channel === 'balances' && f.type === 'snapshot');
  const usd = snap.data.find((d: Frame) => d.asset === 'USD');
  assert.equal(usd.balance, '1000000.0000');
  assert.deepEqual(usd.wallets, [{ type: 'spot', id: 'main', balance: '1000000.0000' }]);
  assert.ok(snap.data.some((d: Frame) => d.asset === 'BTC'));
  await h.ok('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'market', volume: '0.1' });
  const update = await ws.next((f) => f.channel === 'balances' && f.type === 'update');
  const btc = update.data.find((d: Frame) => d.asset === 'BTC');
  assert.equal(btc.amount, '0.1000000000');
  assert.equal(btc.balance, '10.1000000000');
  const usdRow = update.data.find((d: Frame) => d.asset === 'USD');
  assert.equal(usdRow.amount, '-3001.0000');
  assert.equal(usdRow.fee, '12.0040');
  assert.equal(usdRow.balance, '996986.9960');
  assert.equal(usdRow.type, 'trade');
  assert.equal(usdRow.ref_id, btc.ref_id, 'both rows belong to one trade');
});

test('WS trading: amend_order, cancel_all, cancel_all_orders_after, trigger orders, validation errors', async (t) => {
  const { h, ws, token, done } = await setup();
  t.after(done);
  ws.send({ method: 'add_order', params: { token, order_type: 'limit', side: 'buy', order_qty: 0.1, symbol: 'BTC/USD', limit_price: 29000, cl_ord_id: 'ws-1', post_only: true }, req_id: 1 });
  const id = (await ws.next((f) => f.req_id === 1)).result.order_id;
  ws.send({ method: 'amend_order', params: { token, cl_ord_id: 'ws-1', limit_price: 29100 }, req_id: 2 });
  const amended = await ws.next((f) => f.req_id === 2);
  assert.equal(amended.success, true);
  assert.equal(amended.result.order_id, id);
  assert.equal((await h.ok('QueryOrders', { txid: id }))[id].descr.price, '29100.0');
  ws.send({ method: 'add_order', params: { token, order_type: 'stop-loss', side: 'sell', order_qty: 0.1, symbol: 'BTC/USD', triggers: { reference: 'last', price: 28000, price_type: 'static' } }, req_id: 3 });
  const stopId = (await ws.next((f) => f.req_id === 3)).result.order_id;
  assert.equal((await h.ok('QueryOrders', { txid: stopId }))[stopId].descr.order, 'sell 0.10000000 XBTUSD @ stop loss 28000.0');
  ws.send({ method: 'add_order', params: { token, order_type: 'trailing-stop', side: 'sell', order_qty: 0.1, symbol: 'BTC/USD', triggers: { price: 1, price_type: 'pct' } }, req_id: 4 });
  const trail = (await ws.next((f) => f.req_id === 4)).result.order_id;
  assert.equal((await h.ok('QueryOrders', { txid: trail }))[trail].descr.price, '+1%');
  ws.send({ method: 'add_order', params: { token, order_type: 'limit', side: 'buy', order_qty: 0.00001, symbol: 'BTC/USD', limit_price: 29000 }, req_id: 5 });
  assert.equal((await ws.next((f) => f.req_id === 5)).error, 'EOrder:Order minimum not met');
  ws.send({ method: 'add_order', params: { token, order_type: 'limit', side: 'buy', order_qty: 0.1, symbol: 'BTC/USD', limit_price: 29000, validate: true }, req_id: 6 });
  assert.deepEqual((await ws.next((f) => f.req_id === 6)).result, { order_id: '' });
  ws.send({ method: 'cancel_all_orders_after', params: { token, timeout: 60 }, req_id: 7 });
  const dms = await ws.next((f) => f.req_id === 7);
  assert.equal(Date.parse(dms.result.triggerTime) - Date.parse(dms.result.currentTime), 60_000);
  ws.send({ method: 'cancel_all', params: { token }, req_id: 8 });
  assert.deepEqual((await ws.next((f) => f.req_id === 8)).result, { count: 3 });
  ws.send({ method: 'cancel_order', params: { token, order_id: [id] }, req_id: 9 });
  assert.equal((await ws.next((f) => f.req_id === 9)).error, 'EOrder:Invalid order');
});

test('a token inherits its key\'s permissions: a read-only key cannot place orders over WS', async (t) => {
  const h = harness({ apiKeys: [{ key: KEY, secret: SECRET, permissions: ['create-ws-token', 'query-open-trades', 'query-funds'] }] });
  const server = await serveAuthSocket(h.trading);
  const token = (await h.ok('GetWebSocketsToken')).token as string;
  const ws = await TestSocket.open(server.url);
  t.after(async () => {
    ws.close();
    await server.close();
    await h.trading.close();
  });
  ws.send({ method: 'subscribe', params: { channel: 'executions', token }, req_id: 1 });
  assert.equal((await ws.next((f) => f.req_id === 1)).success, true);
  ws.send({ method: 'add_order', params: { token, order_type: 'market', side: 'buy', order_qty: 0.1, symbol: 'BTC/USD' }, req_id: 2 });
  assert.equal((await ws.next((f) => f.req_id === 2)).error, 'EGeneral:Permission denied');
});

test('WS batch_add places several orders in one request and batch_cancel removes them', async (t) => {
  const { h, ws, token, done } = await setup();
  t.after(done);
  ws.send({
    method: 'batch_add', req_id: 1,
    params: {
      token, symbol: 'BTC/USD',
      orders: [
        { order_type: 'limit', side: 'buy', order_qty: 0.1, limit_price: 28000, cl_ord_id: 'b-1' },
        { order_type: 'limit', side: 'sell', order_qty: 0.1, limit_price: 32000, order_userref: 4 },
      ],
    },
  });
  const added = await ws.next((f) => f.req_id === 1);
  assert.equal(added.success, true);
  assert.equal(added.result.length, 2);
  assert.equal(added.result[0].cl_ord_id, 'b-1');
  assert.equal(added.result[1].order_userref, 4);
  ws.send({ method: 'batch_add', req_id: 2, params: { token, symbol: 'BTC/USD', orders: [{ order_type: 'limit', side: 'buy', order_qty: 0.1, limit_price: 28000 }, { order_type: 'nope', side: 'buy', order_qty: 0.1 }] } });
  assert.equal((await ws.next((f) => f.req_id === 2)).error, 'EGeneral:Invalid arguments:ordertype');
  assert.equal(Object.keys((await h.ok('OpenOrders')).open).length, 2, 'the invalid batch placed nothing');
  ws.send({ method: 'batch_cancel', req_id: 3, params: { token, orders: [added.result[1].order_id], cl_ord_id: ['b-1'] } });
  assert.deepEqual((await ws.next((f) => f.req_id === 3)).result, { count: 2 });
  assert.deepEqual((await h.ok('OpenOrders')).open, {});
});

test('WS reports amended and expired executions', async (t) => {
  const { h, ws, token, done } = await setup();
  t.after(done);
  ws.send({ method: 'subscribe', params: { channel: 'executions', token }, req_id: 1 });
  await ws.next((f) => f.channel === 'executions' && f.type === 'snapshot');
  const id = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '29000.0', volume: '0.1', timeinforce: 'GTD', expiretm: '+60' })).txid[0];
  ws.send({ method: 'amend_order', params: { token, order_id: id, order_qty: 0.3 }, req_id: 2 });
  const amended = (await ws.next(exec('amended', id))).data[0];
  assert.equal(amended.order_qty, '0.30000000');
  assert.equal(amended.amended, true);
  h.clock.advance(61);
  h.market.emit(BTC.id);
  const expired = (await ws.next(exec('expired', id))).data[0];
  assert.equal(expired.order_status, 'expired');
});

test('WS add_order with a conditional close places it after the fill', async (t) => {
  const { h, ws, token, done } = await setup();
  t.after(done);
  ws.send({ method: 'add_order', req_id: 1, params: { token, order_type: 'market', side: 'buy', order_qty: 0.1, symbol: 'BTC/USD', conditional: { order_type: 'stop-loss', trigger_price: 25000 } } });
  assert.equal((await ws.next((f) => f.req_id === 1)).success, true);
  const open = Object.values((await h.ok('OpenOrders')).open) as { descr: { order: string } }[];
  assert.deepEqual(open.map((o) => o.descr.order), ['sell 0.10000000 XBTUSD @ stop loss 25000.0']);
});

test('every frame of a session satisfies the desk client WS schemas', async (t) => {
  const { h, ws, token, done } = await setup();
  t.after(done);
  ws.send({ method: 'subscribe', params: { channel: 'executions', token, snap_trades: true }, req_id: 1 });
  ws.send({ method: 'subscribe', params: { channel: 'balances', token }, req_id: 2 });
  await ws.next((f) => f.channel === 'balances' && f.type === 'snapshot');
  ws.send({ method: 'add_order', params: { token, order_type: 'iceberg', side: 'sell', order_qty: 1.5, display_qty: 0.5, symbol: 'BTC/USD', limit_price: 31000, cl_ord_id: 'schema-ws' }, req_id: 3 });
  await ws.next((f) => f.req_id === 3);
  h.market.move(BTC.id, '31100.0');
  await ws.next(exec('iceberg_refill'));
  ws.send({ method: 'cancel_all', params: { token }, req_id: 4 });
  await ws.next(exec('canceled'));
  ws.send({ method: 'ping', req_id: 5 });
  await ws.next((f) => f.method === 'pong');
  for (const frame of ws.frames) {
    const schema = frame.channel === 'status' ? statusFrameSchema
      : frame.channel === 'executions' ? executionsFrameSchema
      : frame.channel === 'balances' ? balancesFrameSchema
      : frame.channel === 'heartbeat' ? heartbeatFrameSchema
      : responseSchema;
    const parsed = schema.safeParse(frame);
    assert.ok(parsed.success, `${JSON.stringify(frame)}: ${parsed.success ? '' : parsed.error.message}`);
  }
  assert.ok(ws.frames.some((f) => f.channel === 'executions' && f.data[0]?.exec_type === 'trade'));
});

test('a status frame is pushed when the system status changes', async (t) => {
  const { h, ws, done } = await setup();
  t.after(done);
  const first = await ws.next((f) => f.channel === 'status');
  h.market.systemStatus = 'cancel_only';
  h.market.emit(BTC.id);
  const changed = await ws.next((f) => f.channel === 'status' && f.data[0].system === 'cancel_only');
  assert.equal(changed.data[0].connection_id, first.data[0].connection_id, 'same connection');
});
