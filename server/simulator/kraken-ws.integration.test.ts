/**
 * lib/kraken's WS v2 client against the built-in exchange over real sockets:
 * every public channel, reconnect + resubscribe after the feed is dropped, the silence watchdog against a
 * stalled feed, no reconnect after 1008, and the private socket (executions, balances, add/cancel order)
 * with a token from a signed GetWebSocketsToken call.
 */
import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import WebSocket from 'ws';
import { createKrakenClient } from '../../lib/kraken/rest';
import { KrakenWsClient, type KrakenWsClientOptions } from '../../lib/kraken/ws-client';
import type { ConnectionState, KrakenWsError, WsClientEvents } from '../../lib/kraken/ws-types';
import { startExchange, type RunningExchange } from './exchange';
import { waitFor } from '../testing/wait-for';

const KEY = { key: 'ws-integration-key', secret: Buffer.from('ws integration secret for the built-in exchange').toString('base64') };

let exchange: RunningExchange;
const clients: KrakenWsClient[] = [];

async function control(path: string, body: unknown = {}): Promise<unknown> {
  const response = await fetch(`${exchange.controlUrl}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  const json = (await response.json()) as unknown;
  assert.equal(response.status, 200, JSON.stringify(json));
  return json;
}

const bookRate = async (updatesPerSecond: number) => {
  for (const symbol of ['BTC/USD', 'ETH/USD']) await control('/book/rate', { symbol, updatesPerSecond });
};

function newClient(options: Partial<KrakenWsClientOptions> = {}): KrakenWsClient {
  const client = new KrakenWsClient({ url: exchange.wsUrl, WebSocket, backoff: { initialMs: 100, maxMs: 1000 }, ...options });
  clients.push(client);
  return client;
}

/** Resolves with the first event payload that satisfies `predicate`. */
function next<K extends keyof WsClientEvents>(client: KrakenWsClient, event: K, predicate: (p: WsClientEvents[K]) => boolean = () => true, timeoutMs = 10_000): Promise<WsClientEvents[K]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`no ${String(event)} event within ${timeoutMs} ms`));
    }, timeoutMs);
    const off = client.on(event, (payload) => {
      if (!predicate(payload)) return;
      clearTimeout(timer);
      off();
      resolve(payload);
    });
  });
}

const waitForState = (client: KrakenWsClient, state: ConnectionState, timeoutMs = 10_000) =>
  client.state === state ? Promise.resolve() : next(client, 'state', (e) => e.state === state, timeoutMs).then(() => undefined);

const until = (condition: () => boolean, what: string, timeoutMs = 15_000) => waitFor(condition, what, { timeoutMs, intervalMs: 20 });

describe('WS v2 client against the built-in exchange', () => {
  before(async () => {
    exchange = await startExchange({ seed: 11, apiKeys: [KEY] });
    await bookRate(50);
  });
  // a failed test must not leave sockets streaming into the next one
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });
  after(() => exchange.close());

  test('status on connect, ticker, trade, ohlc and instrument snapshots, heartbeat, ping', async () => {
    const client = newClient();
    const errors: KrakenWsError[] = [];
    client.on('error', (e) => errors.push(e));
    const status = next(client, 'status');
    client.connect();
    assert.equal((await status).data[0]?.system, 'online');
    await waitForState(client, 'live');

    const ticker = next(client, 'ticker', (f) => f.type === 'snapshot');
    const trades = next(client, 'trade', (f) => f.type === 'snapshot');
    const ohlc = next(client, 'ohlc', (f) => f.type === 'snapshot');
    const instrument = next(client, 'instrument', (f) => f.type === 'snapshot');
    await client.subscribe({ channel: 'ticker', symbol: ['BTC/USD', 'ETH/USD'] });
    await client.subscribe({ channel: 'trade', symbol: ['BTC/USD'], snapshot: true });
    await client.subscribe({ channel: 'ohlc', symbol: ['BTC/USD'], interval: 5 });
    await client.subscribe({ channel: 'instrument' });
    const t = (await ticker).data[0];
    assert.match(t?.bid ?? '', /^\d+\.\d$/, 'BTC/USD prices keep their one decimal as text');
    assert.ok(Number(t?.ask) > Number(t?.bid));
    assert.ok((await trades).data.length > 0);
    assert.match((await trades).data[0]?.qty ?? '', /^\d+\.\d{8}$/);
    assert.equal((await ohlc).data.at(-1)?.interval, 5);
    const pairs = (await instrument).data.pairs;
    assert.deepEqual(
      [pairs.find((p) => p.symbol === 'BTC/USD')?.price_precision, pairs.find((p) => p.symbol === 'BTC/USD')?.qty_precision],
      [1, 8],
    );
    assert.ok((await client.ping()) >= 0);

    const quiet = newClient();
    quiet.connect();
    await waitForState(quiet, 'live');
    const heartbeat = next(quiet, 'heartbeat', () => true, 4000);
    await quiet.subscribe({ channel: 'instrument', snapshot: false });
    await heartbeat;
    await assert.rejects(quiet.subscribe({ channel: 'ticker', symbol: ['NOPE/USD'] }), (e: KrakenWsError) => /not supported/.test(e.krakenError ?? ''));
    assert.deepEqual(errors, []);
    client.close();
    quiet.close();
  });

  // Book verification over many updates, a corrupted checksum and reconnects are the hub's tests
  // (server/hub/hub-books.integration.test.ts, hub-faults.integration.test.ts): it keeps the desk's books.
  test('dropped feed: reconnect with backoff, resubscribe everything, books snapshot again', async () => {
    const client = newClient();
    const snapshots: string[] = [];
    let updates = 0;
    client.on('book', (frame) => {
      for (const d of frame.data) {
        if (frame.type === 'snapshot') snapshots.push(d.symbol);
        else updates++;
      }
    });
    const states: ConnectionState[] = [];
    client.on('state', (e) => states.push(e.state));
    client.connect();
    await client.subscribe({ channel: 'book', symbol: ['BTC/USD', 'ETH/USD'], depth: 25 });
    await client.subscribe({ channel: 'trade', symbol: ['BTC/USD'] });
    await until(() => snapshots.length === 2, 'two snapshots');

    await control('/feed/drop', { refuseMs: 300 });
    await waitForState(client, 'offline');
    await waitForState(client, 'live', 8000);
    assert.ok(states.includes('resyncing'), `states: ${states.join(' → ')}`);
    await until(() => snapshots.length === 4, 'new snapshots for both books');
    assert.deepEqual(snapshots.slice(2).sort(), ['BTC/USD', 'ETH/USD']);
    const state = (await (await fetch(`${exchange.controlUrl}/state`)).json()) as { feed: { sockets: { subscriptions: Record<string, unknown>[] }[] } };
    const restored = state.feed.sockets.flatMap((s) => s.subscriptions).map((s) => `${String(s.channel)}|${String(s.symbol)}|${String(s.depth ?? '')}`);
    for (const key of ['book|BTC/USD|25', 'book|ETH/USD|25', 'trade|BTC/USD|']) assert.ok(restored.includes(key), `${key} restored (${restored.join(', ')})`);
    const count = updates;
    await until(() => updates > count + 20, 'updates after the reconnect');
    client.close();
  });

  test('a stalled feed trips the silence watchdog; the client reconnects once frames flow again', async () => {
    const client = newClient({ pingAfterMs: 200, staleAfterMs: 300, deadAfterMs: 600, watchdogIntervalMs: 50 });
    client.connect();
    await client.subscribe({ channel: 'book', symbol: ['BTC/USD'], depth: 10 });
    await control('/feed/stall');
    try {
      await waitForState(client, 'stale', 3000);
      await waitForState(client, 'offline', 3000);
    } finally {
      await control('/feed/resume');
    }
    // ack and snapshot can arrive in one read, so listen for the snapshot before waiting for live
    const snapshot = next(client, 'book', (f) => f.type === 'snapshot', 8000);
    await waitForState(client, 'live', 8000);
    await snapshot;
    client.close();
  });

  test('close code 1008 from the server stops the client from reconnecting', async () => {
    const client = newClient();
    const policy = next(client, 'error', (e) => e.kind === 'policy');
    client.connect();
    await client.subscribe({ channel: 'ticker', symbol: ['BTC/USD'] });
    for (const other of clients) if (other !== client) other.close();
    await control('/feed/drop', { code: 1008 });
    await policy;
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(client.state, 'offline');
    const state = (await (await fetch(`${exchange.controlUrl}/state`)).json()) as { feed: { counts: { sockets: number } } };
    assert.equal(state.feed.counts.sockets, 0, 'no new socket was opened');
  });

  test('private socket: executions and balances with a signed token; add_order then cancel_order', async () => {
    const rest = createKrakenClient({ restUrl: exchange.restUrl, apiKey: KEY.key, apiSecret: KEY.secret, timeoutMs: 5000 });
    let tokens = 0;
    const client = newClient({
      url: exchange.wsAuthUrl,
      getToken: async () => {
        tokens++;
        return (await rest.private.getWebSocketsToken()).token;
      },
    });
    const executions: Record<string, unknown>[] = [];
    client.on('executions', (f) => executions.push(...f.data));
    const balances = next(client, 'balances', (f) => f.type === 'snapshot');
    client.connect();
    await client.subscribe({ channel: 'executions', snap_orders: true });
    await client.subscribe({ channel: 'balances' });
    const usd = (await balances).data.find((b) => b.asset === 'USD');
    assert.ok(Number(usd?.balance) > 0, 'paper account holds USD');

    const placed = await client.addOrder({ order_type: 'limit', side: 'buy', symbol: 'BTC/USD', order_qty: '0.00100000', limit_price: '1000.0', cl_ord_id: 'ws-int-1' });
    const orderId = String(placed.order_id);
    assert.match(orderId, /^O[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{6}$/);
    await until(() => executions.some((e) => e.order_id === orderId && e.exec_type === 'new'), 'the new report');
    const cancelled = await client.cancelOrder({ order_id: [orderId] });
    assert.equal(cancelled[0]?.order_id, orderId);
    await until(() => executions.some((e) => e.order_id === orderId && e.exec_type === 'canceled'), 'the canceled report');
    await assert.rejects(
      client.addOrder({ order_type: 'limit', side: 'buy', symbol: 'BTC/USD', order_qty: '1000', limit_price: '1000.0' }),
      (e: KrakenWsError) => /^EOrder:Insufficient funds/.test(e.krakenError ?? ''),
    );
    assert.equal(tokens, 1);
    client.close();
  });
});
