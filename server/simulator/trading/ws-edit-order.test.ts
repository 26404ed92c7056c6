/** WS v2 `edit_order` on `/auth/v2` over a real socket: Kraken's cancel-and-replace, the same logic as REST EditOrder. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BTC, KEY, SECRET, harness, type Loose } from './test-helpers';
import { TestSocket, authSession, serveAuthSocket, type Frame } from './ws-test-helpers';

const exec = (type: string, id: string) => (f: Frame) =>
  f.channel === 'executions' && f.type === 'update' && f.data[0]?.exec_type === type && f.data[0].order_id === id;

const LIMIT = { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '29000.0', volume: '0.1' };

test('edit_order replaces the order: new order_id, original cancelled as replaced, new terms resting', async (t) => {
  const { h, ws, token, done } = await authSession();
  t.after(done);
  const id = (await h.ok('AddOrder', { ...LIMIT, userref: '3' })).txid[0] as string;
  ws.send({ method: 'subscribe', params: { channel: 'executions', token }, req_id: 1 });
  await ws.next((f) => f.channel === 'executions' && f.type === 'snapshot');
  ws.send({ method: 'edit_order', params: { token, order_id: id, symbol: 'BTC/USD', order_qty: 0.25, limit_price: 29100.0, order_userref: 9 }, req_id: 2 });
  const answer = await ws.next((f) => f.req_id === 2);
  assert.equal(answer.method, 'edit_order');
  assert.equal(answer.success, true, JSON.stringify(answer));
  assert.equal(answer.result.original_order_id, id);
  const newId = answer.result.order_id as string;
  assert.match(newId, /^O[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{6}$/);
  assert.notEqual(newId, id);
  assert.match(answer.time_in, /Z$/);
  const cancelled = (await ws.next(exec('canceled', id))).data[0];
  assert.equal(cancelled.cancel_reason, 'Order replaced');
  await ws.next(exec('new', newId));
  const orders = await h.ok('QueryOrders', { txid: `${id},${newId}` });
  assert.equal(orders[id].status, 'canceled');
  assert.equal(orders[newId].status, 'open');
  assert.equal(orders[newId].descr.order, 'buy 0.25000000 XBTUSD @ limit 29100.0');
  assert.equal(orders[newId].userref, 9);
  assert.deepEqual(Object.keys((await h.ok('OpenOrders')).open), [newId]);
});

test('edit_order keeps unchanged terms, moves a stop trigger, and validate changes nothing', async (t) => {
  const { h, ws, token, done } = await authSession();
  t.after(done);
  const stop = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'sell', ordertype: 'stop-loss-limit', price: '28000.0', price2: '27900.0', volume: '0.1' })).txid[0] as string;
  ws.send({ method: 'edit_order', params: { token, order_id: stop, symbol: 'BTC/USD', triggers: { price: 27500 }, limit_price: 27400 }, req_id: 1 });
  const moved = await ws.next((f) => f.req_id === 1);
  assert.equal(moved.success, true, JSON.stringify(moved));
  const newStop = moved.result.order_id as string;
  assert.equal((await h.ok('QueryOrders', { txid: newStop }))[newStop].descr.order, 'sell 0.10000000 XBTUSD @ stop loss 27500.0 -> limit 27400.0');

  const id = (await h.ok('AddOrder', LIMIT)).txid[0] as string;
  ws.send({ method: 'edit_order', params: { token, order_id: id, symbol: 'BTC/USD', limit_price: 29050, validate: true }, req_id: 2 });
  const checked = await ws.next((f) => f.req_id === 2);
  assert.deepEqual([checked.success, checked.result.order_id, checked.result.original_order_id], [true, '', id]);
  assert.equal((await h.ok('QueryOrders', { txid: id }))[id].status, 'open', 'validate only');

  ws.send({ method: 'edit_order', params: { token, order_id: id, symbol: 'BTC/USD', post_only: true }, req_id: 3 });
  const posted = await ws.next((f) => f.req_id === 3);
  const postId = posted.result.order_id as string;
  const post = (await h.ok('QueryOrders', { txid: postId }))[postId];
  assert.equal(post.descr.order, 'buy 0.10000000 XBTUSD @ limit 29000.0', 'quantity and price kept');
  assert.match(post.oflags, /post/);
});

test('edit_order refusals change nothing: unknown fields, unknown or cl_ord_id orders, wrong symbol, funds, permission', async (t) => {
  const { h, ws, token, done } = await authSession();
  t.after(done);
  const id = (await h.ok('AddOrder', LIMIT)).txid[0] as string;
  const withClId = (await h.ok('AddOrder', { ...LIMIT, cl_ord_id: 'keep-me' })).txid[0] as string;
  const cases: [Record<string, unknown>, string][] = [
    [{ order_id: id, symbol: 'BTC/USD', order_qty: 0.2, colour: 'red' }, "Unsupported field: 'colour'"],
    [{ order_id: id, symbol: 'BTC/USD', cl_ord_id: 'x' }, "Unsupported field: 'cl_ord_id'"],
    [{ order_id: 'OAAAAA-BBBBB-CCCCCC', symbol: 'BTC/USD', order_qty: 0.2 }, 'EOrder:Invalid order'],
    [{ symbol: 'BTC/USD', order_qty: 0.2 }, 'EGeneral:Invalid arguments:order_id'],
    [{ order_id: withClId, symbol: 'BTC/USD', order_qty: 0.2 }, 'EOrder:Invalid order'],
    [{ order_id: id, symbol: 'ETH/USD', order_qty: 0.2 }, 'EOrder:Invalid order'],
    [{ order_id: id, symbol: 'BTC/USD', order_qty: 100 }, 'EOrder:Insufficient funds'],
    [{ order_id: id, symbol: 'BTC/USD', limit_price: 29000.05 }, 'EOrder:Invalid price'],
  ];
  for (const [i, [params, error]] of cases.entries()) {
    ws.send({ method: 'edit_order', params: { token, ...params }, req_id: 10 + i });
    const answer = await ws.next((f) => f.req_id === 10 + i);
    assert.deepEqual([answer.success, answer.error], [false, error], JSON.stringify(params));
  }
  const open = (await h.ok('OpenOrders')).open as Record<string, Loose>;
  assert.deepEqual(Object.keys(open).sort(), [id, withClId].sort());
  assert.equal(open[id].descr.order, 'buy 0.10000000 XBTUSD @ limit 29000.0');

  const reader = harness({ apiKeys: [{ key: KEY, secret: SECRET, permissions: ['create-ws-token', 'query-open-trades', 'query-funds'] }] });
  const server = await serveAuthSocket(reader.trading);
  const readOnly = await TestSocket.open(server.url);
  t.after(async () => {
    readOnly.close();
    await server.close();
    await reader.trading.close();
  });
  const readToken = (await reader.ok('GetWebSocketsToken')).token as string;
  readOnly.send({ method: 'edit_order', params: { token: readToken, order_id: id, symbol: BTC.symbol, order_qty: 0.2 }, req_id: 1 });
  assert.equal((await readOnly.next((f) => f.req_id === 1)).error, 'EGeneral:Permission denied');
});
