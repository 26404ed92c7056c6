import { test } from 'node:test';
import assert from 'node:assert/strict';
import { KrakenWsClient, type KrakenWsClientOptions } from './ws-client';
import { FakeClock, FakeWebSocket } from './ws-test-fakes';
import type { StateEvent } from './ws-types';

/** Subscribe ack timeouts (a stalled feed swallows requests) and token renewal (Kraken's 15-minute rule). */

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

async function open(extra: Partial<KrakenWsClientOptions> = {}) {
  FakeWebSocket.reset();
  const clock = new FakeClock();
  const client = new KrakenWsClient({
    url: 'wss://example.test/v2', WebSocket: FakeWebSocket, now: clock.now, timers: clock, random: () => 0.5,
    subscribeAckTimeoutMs: 1000,
    // liveness stays out of the way: these tests are about acks and tokens
    pingAfterMs: 3_600_000, staleAfterMs: 3_600_000, deadAfterMs: 3_600_000, ...extra,
  });
  const states: StateEvent[] = [];
  client.on('state', (e) => states.push(e));
  client.connect();
  await flush();
  const ws = FakeWebSocket.latest();
  ws.serverOpen();
  return { client, clock, ws, states };
}

const methods = (ws: FakeWebSocket) => ws.requests().map((r) => `${r.method} ${JSON.stringify(r.params?.symbol ?? r.params?.channel)}`);

test('a subscribe nobody answers is asked again after the ack timeout: unsubscribe, then subscribe with a snapshot', async () => {
  const { client, clock, ws, states } = await open();
  const sub = client.subscribe({ channel: 'book', symbol: ['BTC/USD', 'ETH/USD'], depth: 10, snapshot: true });
  const first = ws.lastRequest('subscribe');
  // only ETH/USD is answered: BTC/USD alone is asked again
  ws.serverSend({ method: 'subscribe', req_id: first.req_id, success: true, result: { channel: 'book', symbol: 'ETH/USD' } });
  clock.advance(999);
  assert.deepEqual(methods(ws), ['subscribe ["BTC/USD","ETH/USD"]']);
  clock.advance(1);
  assert.deepEqual(methods(ws), ['subscribe ["BTC/USD","ETH/USD"]', 'unsubscribe ["BTC/USD"]', 'subscribe ["BTC/USD"]']);
  const retry = ws.lastRequest('subscribe');
  assert.equal(retry.params?.snapshot, true);
  assert.equal(client.subscribeRetries, 1);
  // a late answer to the first request no longer counts; the retry's ack does
  ws.serverSend({ method: 'subscribe', req_id: first.req_id, success: true, result: { channel: 'book', symbol: 'BTC/USD' } });
  assert.equal(client.subscriptions().find((s) => s.symbol === 'BTC/USD')?.acked, false);
  ws.ackAll(retry);
  assert.equal((await sub).length, 2);
  clock.advance(5000);
  assert.equal(ws.requests().length, 3, 'nothing more once acknowledged');
  assert.equal(states.at(-1)?.state, 'live');
});

test('after a reconnect, unanswered resubscribes keep being asked until the server answers; then live', async () => {
  const { client, clock, ws, states } = await open();
  const sub = client.subscribe({ channel: 'trade', symbol: ['BTC/USD'], snapshot: true });
  ws.ackAll(ws.lastRequest('subscribe'));
  await sub;
  ws.serverClose(1006);
  clock.advance(states.at(-1)?.retryInMs as number);
  await flush();
  const next = FakeWebSocket.latest();
  next.serverOpen();
  assert.equal(states.at(-1)?.state, 'resyncing');
  clock.advance(3000); // three timeouts: the feed is stalled
  assert.deepEqual(next.requests().map((r) => r.method), ['subscribe', 'unsubscribe', 'subscribe', 'unsubscribe', 'subscribe', 'unsubscribe', 'subscribe']);
  assert.equal(states.at(-1)?.state, 'resyncing');
  ws.sent.length = 0;
  next.ackAll(next.lastRequest('subscribe'));
  assert.equal(states.at(-1)?.state, 'live');
  clock.advance(5000);
  assert.equal(next.requests().length, 7);
  assert.equal(ws.sent.length, 0, 'the old socket is never written to again');
});

test('the ack timeout of a socket that went away does nothing on its successor', async () => {
  const { client, clock, ws, states } = await open({ subscribeAckTimeoutMs: 5000 });
  void client.subscribe({ channel: 'ticker', symbol: ['BTC/USD'] }).catch(() => undefined);
  clock.advance(100);
  ws.serverClose(1006);
  clock.advance(states.at(-1)?.retryInMs as number);
  await flush();
  const next = FakeWebSocket.latest();
  next.serverOpen();
  const resub = next.lastRequest('subscribe');
  next.ackAll(resub);
  clock.advance(6000);
  assert.deepEqual(next.requests().map((r) => r.method), ['subscribe']);
});

test('a private subscribe with a token older than lifetime − margin fetches a new token first', async () => {
  let n = 0;
  const { client, clock, ws } = await open({ getToken: async () => `token-${++n}`, tokenLifetimeMs: 900_000, tokenRefreshMarginMs: 60_000 });
  const balances = client.subscribe({ channel: 'balances' });
  assert.equal(ws.lastRequest('subscribe').params?.token, 'token-1', 'a young token is used at once');
  ws.ackAll(ws.lastRequest('subscribe'));
  await balances;
  clock.advance(900_000 - 60_000);
  const executions = client.subscribe({ channel: 'executions', snap_orders: true });
  assert.equal(ws.requests().length, 1, 'not sent with the old token');
  await flush();
  assert.equal(n, 2);
  const req = ws.lastRequest('subscribe');
  assert.deepEqual(req.params, { channel: 'executions', snap_orders: true, token: 'token-2' });
  ws.ackAll(req);
  await executions;
});

test('trading with an old token fetches a new one before sending', async () => {
  let n = 0;
  const { client, clock, ws } = await open({ getToken: async () => `token-${++n}`, tokenLifetimeMs: 10_000, tokenRefreshMarginMs: 1000 });
  clock.advance(9000);
  const cancel = client.cancelAll();
  await flush();
  const req = ws.lastRequest('cancel_all');
  assert.equal(req.params?.token, 'token-2');
  ws.serverSend({ method: 'cancel_all', req_id: req.req_id, success: true, result: { count: 0 } });
  assert.deepEqual(await cancel, { count: 0 });
});

test('EAPI:Invalid token on subscribe: a new token is fetched and the subscribe asked once more', async () => {
  let n = 0;
  const { client, ws } = await open({ getToken: async () => `token-${++n}` });
  const sub = client.subscribe({ channel: 'executions' });
  const first = ws.lastRequest('subscribe');
  ws.serverSend({ method: 'subscribe', req_id: first.req_id, success: false, error: 'EAPI:Invalid token' });
  await flush();
  assert.equal(n, 2);
  const retry = ws.lastRequest('subscribe');
  assert.notEqual(retry.req_id, first.req_id);
  assert.equal(retry.params?.token, 'token-2');
  ws.ackAll(retry);
  assert.equal((await sub).length, 1);

  // refused again after the one retry: the refusal stands
  const balances = client.subscribe({ channel: 'balances' });
  const refused = assert.rejects(balances, /Invalid token/);
  for (let i = 0; i < 2; i++) {
    const req = ws.lastRequest('subscribe');
    ws.serverSend({ method: 'subscribe', req_id: req.req_id, success: false, error: 'EAPI:Invalid token' });
    await flush();
  }
  await refused;
  assert.equal(n, 3, 'one new token per refused subscription, no loop');
  assert.equal(client.subscriptions().some((s) => s.channel === 'balances'), false);
});

test('concurrent subscribes and trading with an old token share one token fetch', async () => {
  let n = 0;
  const { client, clock, ws } = await open({ getToken: async () => `token-${++n}`, tokenLifetimeMs: 10_000, tokenRefreshMarginMs: 1000 });
  clock.advance(9500);
  const execs = client.subscribe({ channel: 'executions' });
  const balances = client.subscribe({ channel: 'balances' });
  const cancel = client.cancelAll();
  await flush();
  assert.equal(n, 2, 'one new token for all three');
  const tokens = ws.requests().map((r) => r.params?.token);
  assert.deepEqual(tokens, ['token-2', 'token-2', 'token-2']);
  for (const req of ws.requests().filter((r) => r.method === 'subscribe')) ws.ackAll(req);
  ws.serverSend({ method: 'cancel_all', req_id: ws.lastRequest('cancel_all').req_id, success: true, result: { count: 0 } });
  await Promise.all([execs, balances, cancel]);
});
