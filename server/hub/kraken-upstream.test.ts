import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bookChecksum } from '../../lib/kraken/checksum';
import { rawNumber, stringifyWire } from '../../lib/kraken/wire-json';
import { FakeClock, FakeWebSocket } from '../../lib/kraken/ws-test-fakes';
import { createHub } from './hub';
import { createKrakenUpstream } from './kraken-upstream';
import { FakeSink } from './testing/fakes';

/**
 * The real adapter over the shared KrakenWsClient, driven by an in-memory socket and a manual clock:
 * what the browser sees, and when, as the upstream goes silent, dies and comes back.
 */

const ASKS = [['100.5', '1.00000000'], ['101.0', '2.50000000']] as const;
const BIDS = [['99.5', '0.10000000']] as const;
const CHECKSUM = bookChecksum(ASKS.map(([price, qty]) => ({ price, qty })), BIDS.map(([price, qty]) => ({ price, qty })));

function bookSnapshot(): string {
  const level = ([price, qty]: readonly [string, string]) => ({ price: rawNumber(price), qty: rawNumber(qty) });
  return stringifyWire({
    channel: 'book', type: 'snapshot',
    data: [{ symbol: 'BTC/USD', asks: ASKS.map(level), bids: BIDS.map(level), checksum: CHECKSUM, timestamp: '2026-11-25T10:00:00.000000Z' }],
  });
}

/** Opens the latest fake socket and acks whatever it subscribed to. */
function serveLatest(): FakeWebSocket {
  const ws = FakeWebSocket.latest();
  ws.serverOpen();
  for (const request of ws.requests().filter((r) => r.method === 'subscribe')) ws.ackAll(request);
  return ws;
}

test('silence → stale at once, dead socket → resyncing, reconnect → live and a fresh, verified snapshot', () => {
  FakeWebSocket.reset();
  const clock = new FakeClock();
  const upstream = createKrakenUpstream({
    url: 'wss://example.test/v2',
    WebSocket: FakeWebSocket,
    client: { now: clock.now, timers: clock, random: () => 0, backoff: { initialMs: 1000 } },
  });
  const hub = createHub({ upstream });
  const seen: { at: number; message: Record<string, unknown> }[] = [];
  const sink = new FakeSink();
  const send = sink.send.bind(sink);
  sink.send = (frame) => {
    send(frame);
    seen.push({ at: clock.now(), message: JSON.parse(frame.toString()) as Record<string, unknown> });
  };
  hub.connect(sink).subscribe({ channel: 'book', symbol: 'BTC/USD', depth: 10 });
  const first = serveLatest();
  first.serverSend({ channel: 'status', type: 'update', data: [{ system: 'online', api_version: 'v2', connection_id: 1, version: '2.0.0' }] });
  first.serverSend(bookSnapshot());
  const silentFrom = clock.now();
  clock.advance(10_000);
  const status = seen.filter((s) => s.message.type === 'status');
  assert.deepEqual(status.map((s) => s.message.feed), ['connecting', 'live', 'live', 'stale', 'resyncing']);
  const stale = status[3] as { at: number };
  assert.ok(stale.at - silentFrom <= 3500, `stale announced ${stale.at - silentFrom} ms into the silence (client watchdog: 3 s + 0.5 s tick)`);
  assert.equal(hub.stats().feedState, 'resyncing');
  const joiner = new FakeSink();
  hub.connect(joiner).subscribe({ channel: 'book', symbol: 'BTC/USD', depth: 10 });
  assert.equal(joiner.messages().filter((m) => m.channel === 'book').length, 0, 'the pre-disconnect book is not served');

  assert.notEqual(FakeWebSocket.latest(), first, 'the client reconnected');
  const second = serveLatest();
  assert.deepEqual(second.lastRequest('subscribe').params, { channel: 'book', symbol: ['BTC/USD'], depth: 10, snapshot: true });
  second.serverSend(bookSnapshot());
  const after = seen.slice(seen.indexOf(stale as (typeof seen)[number]));
  assert.deepEqual(after.map((s) => s.message.type === 'status' ? s.message.feed : s.message.type), ['stale', 'resyncing', 'live', 'snapshot']);
  const snap = after.at(-1)?.message.data as { checksum: number; asks: string[][] };
  assert.equal(snap.checksum, CHECKSUM);
  assert.deepEqual(snap.asks, ASKS.map((l) => [...l]));
  assert.equal(joiner.messages().find((m) => m.channel === 'book')?.type, 'snapshot');
  void hub.close();
});

test('wire frames are reshaped: trades in ms, candles by open second, ticker fields, exchange status', () => {
  FakeWebSocket.reset();
  const clock = new FakeClock();
  const upstream = createKrakenUpstream({ url: 'wss://example.test/v2', WebSocket: FakeWebSocket, client: { now: clock.now, timers: clock } });
  const got: unknown[] = [];
  const exchange: string[] = [];
  upstream.listen({ state: () => undefined, exchange: (s) => exchange.push(s), data: (m) => got.push(m), rejected: () => undefined });
  upstream.subscribe({ channel: 'trade', symbol: 'BTC/USD' });
  const ws = serveLatest();
  assert.deepEqual(ws.lastRequest('subscribe').params, { channel: 'trade', symbol: ['BTC/USD'], snapshot: true });
  ws.serverSend('{"channel":"status","type":"update","data":[{"system":"cancel_only","api_version":"v2","connection_id":18446744073709551615,"version":"2.0.0"}]}');
  ws.serverSend('{"channel":"trade","type":"update","data":[{"symbol":"BTC/USD","side":"sell","price":100.50,"qty":0.00100000,"ord_type":"market","trade_id":7,"timestamp":"2026-11-25T10:00:00.250000Z"}]}');
  ws.serverSend('{"channel":"ohlc","type":"update","data":[{"symbol":"BTC/USD","open":1.0,"high":2.0,"low":0.5,"close":1.5,"vwap":1.2,"trades":3,"volume":10.00000000,"interval_begin":"2026-11-25T10:00:00.000000Z","interval":5,"timestamp":"2026-11-25T10:01:00.000000Z"}]}');
  ws.serverSend('{"channel":"ticker","type":"snapshot","data":[{"symbol":"BTC/USD","bid":99.9,"bid_qty":1.0,"ask":100.1,"ask_qty":2.0,"last":100.0,"volume":5.0,"vwap":100.0,"low":90.0,"high":110.0,"change":-1.5,"change_pct":-1.48}]}');
  assert.deepEqual(exchange, ['cancel_only']);
  assert.deepEqual(got, [
    { channel: 'trade', type: 'update', symbol: 'BTC/USD', trades: [{ id: 7, price: '100.50', qty: '0.00100000', side: 'sell', time: Date.parse('2026-11-25T10:00:00.250Z') }] },
    {
      channel: 'ohlc', type: 'update', symbol: 'BTC/USD', interval: 5,
      candles: [{ time: Date.parse('2026-11-25T10:00:00Z') / 1000, open: '1.0', high: '2.0', low: '0.5', close: '1.5', vwap: '1.2', volume: '10.00000000', trades: 3 }],
    },
    {
      channel: 'ticker', type: 'snapshot', symbol: 'BTC/USD',
      ticker: { bid: '99.9', bidQty: '1.0', ask: '100.1', askQty: '2.0', last: '100.0', volume: '5.0', vwap: '100.0', low: '90.0', high: '110.0', change: '-1.5', changePct: '-1.48' },
    },
  ]);
  void upstream.close();
});

test('an exchange refusal reaches the hub as a rejection; the private socket asks for a token', async () => {
  FakeWebSocket.reset();
  const clock = new FakeClock();
  const upstream = createKrakenUpstream({
    url: 'wss://example.test/auth/v2',
    WebSocket: FakeWebSocket,
    getToken: async () => 'tok-1',
    client: { now: clock.now, timers: clock },
  });
  const rejected: string[] = [];
  upstream.listen({ state: () => undefined, exchange: () => undefined, data: () => undefined, rejected: (key, reason) => rejected.push(`${key.channel}: ${reason}`) });
  upstream.subscribe({ channel: 'executions' });
  await new Promise((r) => setImmediate(r));
  const ws = FakeWebSocket.latest();
  ws.serverOpen();
  const request = ws.lastRequest('subscribe');
  assert.deepEqual(request.params, { channel: 'executions', snap_orders: true, snap_trades: true, token: 'tok-1' });
  ws.serverSend({ method: 'subscribe', req_id: request.req_id, success: false, error: 'EGeneral:Permission denied' });
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(rejected, ['executions: EGeneral:Permission denied']);
  void upstream.close();
});
