import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KrakenWsClient, type KrakenWsClientOptions } from './ws-client';
import { backoffDelay } from './ws-backoff';
import { FakeClock, FakeWebSocket } from './ws-test-fakes';
import type { KrakenWsError, StateEvent } from './ws-types';

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

function setup(extra: Partial<KrakenWsClientOptions> = {}) {
  FakeWebSocket.reset();
  const clock = new FakeClock();
  let seed = 0.5;
  const client = new KrakenWsClient({
    url: 'wss://example.test/v2',
    WebSocket: FakeWebSocket,
    now: clock.now,
    timers: clock,
    random: () => seed,
    ...extra,
  });
  const states: StateEvent[] = [];
  const errors: KrakenWsError[] = [];
  client.on('state', (e) => states.push(e));
  client.on('error', (e) => errors.push(e));
  return { client, clock, states, errors, setRandom: (r: number) => (seed = r) };
}

function openClient(extra: Partial<KrakenWsClientOptions> = {}) {
  const ctx = setup(extra);
  ctx.client.connect();
  const ws = FakeWebSocket.latest();
  ws.serverOpen();
  return { ...ctx, ws };
}

test('subscribe resolves when every per-symbol ack with its req_id arrived, in any order', async () => {
  const { client, ws, states } = openClient();
  assert.equal(states.at(-1)?.state, 'live');
  const done = client.subscribe({ channel: 'book', symbol: ['BTC/USD', 'ETH/USD'], depth: 10 });
  const req = ws.lastRequest('subscribe');
  assert.deepEqual(req.params, { channel: 'book', symbol: ['BTC/USD', 'ETH/USD'], depth: 10 });
  ws.serverSend({ method: 'subscribe', req_id: req.req_id, success: true, result: { channel: 'book', symbol: 'ETH/USD', depth: 10 } });
  let settled = false;
  void done.then(() => (settled = true));
  await flush();
  assert.equal(settled, false, 'one ack of two is not enough');
  ws.serverSend({ method: 'subscribe', req_id: req.req_id + 99, success: true, result: { channel: 'book', symbol: 'BTC/USD' } });
  await flush();
  assert.equal(settled, false, 'an ack with another req_id does not count');
  ws.serverSend({ method: 'subscribe', req_id: req.req_id, success: true, result: { channel: 'book', symbol: 'BTC/USD', depth: 10 } });
  const acks = await done;
  assert.deepEqual(acks.map((a) => (a.result as { symbol: string }).symbol), ['BTC/USD', 'ETH/USD']);
  assert.deepEqual(client.subscriptions().map((s) => [s.key, s.acked]), [['book|BTC/USD|10', true], ['book|ETH/USD|10', true]]);
});

test('a failure ack without channel is correlated by req_id; the refused symbol is forgotten', async () => {
  const { client, ws } = openClient();
  const done = client.subscribe({ channel: 'ticker', symbol: ['BTC/USD', 'FOO/BAR'] });
  const req = ws.lastRequest('subscribe');
  ws.serverSend({ method: 'subscribe', req_id: req.req_id, success: true, result: { channel: 'ticker', symbol: 'BTC/USD' } });
  ws.serverSend({ error: 'Currency pair not supported FOO/BAR', method: 'subscribe', req_id: req.req_id, success: false });
  await assert.rejects(done, (e: KrakenWsError) => e.kind === 'request' && e.krakenError === 'Currency pair not supported FOO/BAR');
  assert.deepEqual(client.subscriptions().map((s) => s.key), ['ticker|BTC/USD|']);
});

test('trade requests reject on a failure response and carry Kraken\'s error string', async () => {
  const { client } = setup({ getToken: async () => 'tok' });
  client.connect();
  await flush();
  const ws = FakeWebSocket.latest();
  ws.serverOpen();
  const order = client.addOrder({ order_type: 'limit', side: 'buy', symbol: 'BTC/USD', order_qty: '0.0010', limit_price: '30000.0' });
  const req = ws.lastRequest('add_order');
  ws.serverSend({ method: 'add_order', req_id: req.req_id, success: false, error: 'EOrder:Insufficient funds' });
  await assert.rejects(order, (e: KrakenWsError) => e.krakenError === 'EOrder:Insufficient funds');
});

test('application ping: {"method":"ping","req_id":n} resolves on the matching pong', async () => {
  const { client, ws, clock } = openClient();
  const rtt = client.ping();
  const req = ws.lastRequest('ping');
  assert.equal(ws.sent.at(-1), `{"method":"ping","req_id":${req.req_id}}`);
  clock.advance(25);
  ws.serverSend({ method: 'pong', req_id: req.req_id, time_in: '2026-01-01T00:00:00.000000Z', time_out: '2026-01-01T00:00:00.000010Z' });
  assert.equal(await rtt, 25);
});

test('watchdog: pings when quiet, turns stale, and after 5 s of silence reconnects', () => {
  const { client, ws, clock, states } = openClient();
  clock.advance(2500);
  assert.equal(ws.requests().filter((r) => r.method === 'ping').length, 1, 'one ping after 2 s of silence');
  clock.advance(1000);
  assert.equal(client.state, 'stale');
  clock.advance(1400); // 4.9 s of silence
  assert.equal(FakeWebSocket.instances.length, 1, 'not yet dead');
  ws.serverSend({ channel: 'heartbeat' });
  assert.equal(client.state, 'live', 'any frame makes it live again');
  for (let i = 0; i < 20; i++) {
    clock.advance(1000);
    ws.serverSend({ channel: 'heartbeat' });
  }
  assert.equal(FakeWebSocket.instances.length, 1, 'heartbeats every second keep the socket');
  clock.advance(5600);
  assert.equal(ws.closedWith?.code, 4000, 'dead socket is closed by us');
  const offline = states.at(-1);
  assert.equal(offline?.state, 'offline');
  assert.ok((offline?.retryInMs ?? 0) >= 1000);
  clock.advance(offline?.retryInMs ?? 0);
  assert.equal(FakeWebSocket.instances.length, 2, 'a new socket is opened');
  assert.equal(client.state, 'connecting');
});

test('backoffDelay grows from 1 s to 60 s with jitter and never leaves the bounds', () => {
  for (const r of [0, 0.25, 0.5, 0.999999]) assert.equal(backoffDelay(0, () => r), 1000);
  assert.equal(backoffDelay(1, () => 0), 1000);
  assert.equal(backoffDelay(1, () => 0.999999), 2000);
  assert.equal(backoffDelay(3, () => 0), 4000);
  assert.equal(backoffDelay(3, () => 0.5), 6000);
  assert.equal(backoffDelay(20, () => 0), 30000);
  assert.equal(backoffDelay(20, () => 0.999999), 60000);
  for (let attempt = 0; attempt < 40; attempt++) {
    for (const r of [0, 0.3, 0.7, 0.999]) {
      const d = backoffDelay(attempt, () => r);
      assert.ok(d >= 1000 && d <= 60000, `${attempt} ${r} → ${d}`);
    }
  }
});

test('reconnect delays follow the backoff while the server keeps failing, then reset after a stable connection', () => {
  const { client, clock, states, setRandom } = setup();
  setRandom(0.999999);
  client.connect();
  const delays: number[] = [];
  for (let i = 0; i < 9; i++) {
    FakeWebSocket.latest().serverClose(1006);
    const d = states.at(-1)?.retryInMs as number;
    delays.push(d);
    clock.advance(d);
  }
  assert.deepEqual(delays, [1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000, 60000]);
  const ws = FakeWebSocket.latest();
  ws.serverOpen();
  for (let i = 0; i < 31; i++) {
    clock.advance(1000);
    ws.serverSend({ channel: 'heartbeat' });
  }
  ws.serverClose(1006);
  assert.equal(states.at(-1)?.retryInMs, 1000, 'a connection that was stable resets the backoff');
});

test('after a reconnect every remembered subscription is resent with snapshot: true, then the state is live', async () => {
  const { client, ws, clock, states } = openClient();
  const subs = [
    client.subscribe({ channel: 'book', symbol: ['BTC/USD', 'ETH/USD'], depth: 25 }),
    client.subscribe({ channel: 'ohlc', symbol: ['ETH/USD'], interval: 5 }),
    client.subscribe({ channel: 'trade', symbol: ['BTC/USD'], snapshot: false }),
  ];
  for (const req of ws.requests()) ws.ackAll(req);
  await Promise.all(subs);
  ws.serverClose(1006, 'gone');
  assert.equal(client.state, 'offline');
  clock.advance(states.at(-1)?.retryInMs as number);
  const next = FakeWebSocket.latest();
  assert.notEqual(next, ws);
  next.serverOpen();
  assert.equal(client.state, 'resyncing');
  const sent = next.requests();
  assert.deepEqual(
    sent.map((r) => r.params),
    [
      { channel: 'book', depth: 25, snapshot: true, symbol: ['BTC/USD', 'ETH/USD'] },
      { channel: 'ohlc', interval: 5, snapshot: true, symbol: ['ETH/USD'] },
      { channel: 'trade', snapshot: true, symbol: ['BTC/USD'] },
    ],
  );
  next.ackAll(sent[0] as (typeof sent)[0]);
  next.ackAll(sent[1] as (typeof sent)[0]);
  assert.equal(client.state, 'resyncing', 'still waiting for the trade ack');
  next.ackAll(sent[2] as (typeof sent)[0]);
  assert.equal(client.state, 'live');
});

test('subscribe before connect is sent on open; unsubscribe echoes only key params and is not restored', async () => {
  const { client, clock, states } = setup();
  const pending = client.subscribe({ channel: 'book', symbol: ['BTC/USD'], depth: 10, snapshot: true });
  client.connect();
  const ws = FakeWebSocket.latest();
  ws.serverOpen();
  ws.ackAll(ws.lastRequest('subscribe'));
  await pending;
  const unsub = client.unsubscribe({ channel: 'book', symbol: ['BTC/USD'], depth: 10 });
  const req = ws.lastRequest('unsubscribe');
  assert.deepEqual(req.params, { channel: 'book', symbol: ['BTC/USD'], depth: 10 });
  ws.ackAll(req);
  assert.equal((await unsub).length, 1);
  ws.serverClose(1001);
  clock.advance(states.at(-1)?.retryInMs as number);
  FakeWebSocket.latest().serverOpen();
  assert.deepEqual(FakeWebSocket.latest().sent, [], 'nothing to resubscribe');
  assert.equal(client.state, 'live');
});

test('close code 1008 stops reconnecting and reports a policy error', () => {
  const { client, ws, clock, states, errors } = openClient();
  ws.serverClose(1008, 'too many subscriptions');
  assert.deepEqual(states.at(-1), { state: 'offline', attempt: 0, final: true, code: 1008, reason: 'too many subscriptions' });
  assert.equal(errors.at(-1)?.kind, 'policy');
  clock.advance(600_000);
  assert.equal(FakeWebSocket.instances.length, 1);
  assert.equal(client.state, 'offline');
});

test('malformed frames become error events and never throw out of the socket handler', () => {
  const { client, ws, errors } = openClient();
  const books: unknown[] = [];
  client.on('book', (f) => books.push(f));
  client.on('ticker', () => {
    throw new Error('listener bug');
  });
  const bad = [
    'not json',
    '[1,2,3]',
    '{"channel":"nope","data":[]}',
    '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD"}]}',
    '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":"x","qty":1}],"asks":[],"checksum":1}]}',
    '{"hello":"world"}',
  ];
  for (const frame of bad) assert.doesNotThrow(() => ws.serverSend(frame));
  assert.equal(errors.length, bad.length);
  assert.ok(errors.every((e) => e.kind === 'malformed'));
  assert.match(errors[3]?.message ?? '', /bids/);
  const ticker = '{"channel":"ticker","type":"update","data":[{"symbol":"BTC/USD","bid":1.0,"bid_qty":2,"ask":1.1,"ask_qty":3}]}';
  assert.doesNotThrow(() => ws.serverSend(ticker));
  assert.equal(errors.at(-1)?.kind, 'listener');
  ws.serverSend('{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":1.50,"qty":0.10000000}],"asks":[],"checksum":7}]}');
  assert.equal(books.length, 1, 'valid frames still flow');
  assert.deepEqual((books[0] as { data: { bids: unknown[] }[] }).data[0]?.bids, [{ price: '1.50', qty: '0.10000000' }]);
});

test('private mode: token on private subscriptions and trading, fetched anew on each reconnect', async () => {
  let n = 0;
  const { client, clock, states } = setup({ getToken: async () => `token-${++n}` });
  client.connect();
  await flush();
  const ws = FakeWebSocket.latest();
  ws.serverOpen();
  const sub = client.subscribe({ channel: 'executions', snap_orders: true });
  const subReq = ws.lastRequest('subscribe');
  assert.deepEqual(subReq.params, { channel: 'executions', snap_orders: true, token: 'token-1' });
  ws.ackAll(subReq);
  await sub;

  const order = client.addOrder({ order_type: 'limit', side: 'buy', symbol: 'BTC/USD', order_qty: '0.0010', limit_price: '30000.0' });
  const raw = ws.sent.at(-1) as string;
  assert.match(raw, /"order_qty":0\.0010,/, 'decimal text is sent as a bare number with its digits');
  assert.match(raw, /"limit_price":30000\.0,/);
  assert.match(raw, /"token":"token-1"/);
  ws.serverSend({ method: 'add_order', req_id: ws.lastRequest('add_order').req_id, success: true, result: { order_id: 'OABC-1' } });
  assert.deepEqual(await order, { order_id: 'OABC-1' });

  const cancel = client.cancelOrder({ order_id: ['O1', 'O2'] });
  const cancelReq = ws.lastRequest('cancel_order');
  ws.serverSend({ method: 'cancel_order', req_id: cancelReq.req_id, success: true, result: { order_id: 'O1' } });
  ws.serverSend({ method: 'cancel_order', req_id: cancelReq.req_id, success: true, result: { order_id: 'O2' } });
  assert.deepEqual(await cancel, [{ order_id: 'O1' }, { order_id: 'O2' }]);

  const lost = client.cancelAll();
  ws.serverClose(1006);
  await assert.rejects(lost, /outcome unknown/);
  await assert.rejects(client.cancelAll(), /not connected/);

  clock.advance(states.at(-1)?.retryInMs as number);
  await flush();
  const next = FakeWebSocket.latest();
  next.serverOpen();
  assert.deepEqual(next.lastRequest('subscribe').params, { channel: 'executions', snap_orders: true, token: 'token-2' });
});

test('a failing getToken is reported and retried with backoff', async () => {
  let fail = true;
  const { client, clock, states, errors } = setup({
    getToken: async () => {
      if (fail) throw new Error('EAPI:Invalid key');
      return 'ok';
    },
  });
  client.connect();
  await flush();
  assert.equal(errors.at(-1)?.kind, 'token');
  assert.equal(FakeWebSocket.instances.length, 0);
  fail = false;
  clock.advance(states.at(-1)?.retryInMs as number);
  await flush();
  assert.equal(FakeWebSocket.instances.length, 1);
});

test('without getToken private channels and trading are refused locally', async () => {
  const { client } = openClient();
  await assert.rejects(client.subscribe({ channel: 'balances' }), /getToken/);
  await assert.rejects(client.addOrder({}), /getToken/);
  await assert.rejects(client.subscribe({ channel: 'book' }), /non-empty symbol/);
});

test('close() is final: pending subscribes reject, no reconnect', async () => {
  const { client, ws, clock } = openClient();
  const pending = client.subscribe({ channel: 'ticker', symbol: ['BTC/USD'] });
  client.close();
  await assert.rejects(pending, /client closed/);
  assert.equal(ws.closedWith?.code, 1000);
  clock.advance(120_000);
  assert.equal(FakeWebSocket.instances.length, 1);
  assert.equal(client.state, 'offline');
});
