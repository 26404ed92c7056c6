import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness } from './test-helpers';
import { TestSocket, serveAuthSocket } from './ws-test-helpers';

/** Small deterministic PRNG so a failure replays identically. */
function prng(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x / 2147483648;
  };
}

const VALUES = ['', '0', '-1', '1', '0.1', '1e-9', 'NaN', 'abc', '+', '#', '%', '+5%', '-5', '#1%', '29000.0', '99999999999999999999',
  '0.00000000001', 'buy', 'sell', 'limit', 'market', 'iceberg', 'stop-loss', 'trailing-stop-limit', 'XBTUSD', 'BTC/USD',
  'post', 'viqc', 'fcib,fciq', 'GTD', 'IOC', '+10', '1700000000', 'true', '\u0000', 'x'.repeat(300)];
const FIELDS = ['pair', 'type', 'ordertype', 'volume', 'price', 'price2', 'oflags', 'timeinforce', 'expiretm', 'starttm',
  'displayvol', 'userref', 'cl_ord_id', 'validate', 'trigger', 'leverage', 'close[ordertype]', 'close[price]', 'deadline'];

test('random AddOrder/AmendOrder/CancelOrder parameters never produce an internal error', async (t) => {
  const h = harness({}, 1);
  t.after(() => h.trading.close());
  const rnd = prng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  for (let i = 0; i < 300; i++) {
    const params: Record<string, string> = { pair: 'XBTUSD', type: pick(['buy', 'sell']), ordertype: pick(['limit', 'market', 'iceberg', 'stop-loss-limit', 'trailing-stop']), volume: '0.01', price: '29000.0' };
    for (let k = 0; k < 3; k++) params[pick(FIELDS)] = pick(VALUES);
    const method = pick(['AddOrder', 'AddOrder', 'AmendOrder', 'CancelOrder', 'EditOrder']);
    const r = await h.call(method, method === 'AddOrder' ? params : { txid: pick(VALUES), order_qty: pick(VALUES), limit_price: pick(VALUES), pair: 'XBTUSD' });
    assert.ok(Array.isArray(r.error), 'always an error array');
    assert.ok(!r.error.some((e) => e.startsWith('EGeneral:Internal error')), `${method} ${JSON.stringify(params)} → ${r.error}`);
  }
});

test('garbage WS frames get error replies and the socket keeps working', async (t) => {
  const h = harness();
  const server = await serveAuthSocket(h.trading);
  const token = (await h.ok('GetWebSocketsToken')).token as string;
  const ws = await TestSocket.open(server.url);
  t.after(async () => {
    ws.close();
    await server.close();
    await h.trading.close();
  });
  const frames = ['[]', '1', 'null', '"x"', '{"method":5}', '{"method":"subscribe"}', '{"method":"subscribe","params":[]}',
    `{"method":"add_order","params":{"token":"${token}","order_type":{},"side":[],"order_qty":"x","symbol":null}}`,
    `{"method":"add_order","params":{"token":"${token}","triggers":"nope","order_type":"stop-loss"}}`,
    `{"method":"cancel_order","params":{"token":"${token}","order_id":"not-an-array"}}`,
    `{"method":"amend_order","params":{"token":"${token}","order_id":7,"limit_price":"1e400"}}`,
    `{"method":"cancel_all_orders_after","params":{"token":"${token}","timeout":-5}}`,
    `{"method":"batch_add","params":{"token":"${token}","orders":[1,2]}}`,
    `{"method":"nope","params":{"token":"${token}"}}`];
  for (const f of frames) ws.send(f);
  ws.send({ method: 'ping', req_id: 99 });
  await ws.next((f) => f.method === 'pong' && f.req_id === 99);
  const replies = ws.frames.filter((f) => f.success === false);
  assert.equal(replies.length, frames.length);
  assert.ok(replies.every((r) => typeof r.error === 'string' && r.error !== 'EGeneral:Internal error'), JSON.stringify(replies));
});
