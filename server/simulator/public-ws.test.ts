import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { type RunningExchange, startExchange } from './exchange';
import { BookMirror } from './test-book-mirror';
import { openSocket, type TestSocket, type WireJson } from './test-ws-client';

let ex: RunningExchange;
const RFC3339_MICRO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

const control = (path: string, body: unknown) =>
  fetch(`${ex.controlUrl}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json());

async function subscribe(sock: TestSocket, params: Record<string, unknown>, reqId: number): Promise<void> {
  const from = sock.frames.length;
  sock.send({ method: 'subscribe', params, req_id: reqId });
  await sock.next((m) => m.method === 'subscribe' && m.req_id === reqId, 4000, from);
}

/** Collects `count` book updates for (symbol, depth) and checks each against an independent mirror. */
async function verifyBook(symbol: string, depth: number, pricePrecision: number, qtyPrecision: number, count: number, midway?: () => Promise<unknown>) {
  const sock = await openSocket(ex.wsUrl);
  try {
    await subscribe(sock, { channel: 'book', symbol: [symbol], depth }, 1);
    const snapshot = await sock.next((m) => m.channel === 'book' && m.type === 'snapshot');
    const mirror = new BookMirror(depth, pricePrecision, qtyPrecision);
    assert.ok(mirror.apply(snapshot.json.data[0], true), 'snapshot checksum');
    assert.deepEqual(mirror.sizes, { bids: depth, asks: depth }, 'snapshot is full depth');
    let seen = 0;
    let index = sock.frames.indexOf(snapshot) + 1;
    while (seen < count) {
      const frame = await sock.next((m) => m.channel === 'book' && m.type === 'update', 6000, index);
      index = sock.frames.indexOf(frame) + 1;
      const data = frame.json.data[0];
      assert.equal(data.symbol, symbol);
      assert.match(data.timestamp, RFC3339_MICRO);
      assert.ok(data.bids.length + data.asks.length > 0, 'updates carry levels');
      assert.ok(mirror.apply(data, false), `update ${seen} checksum (${frame.text.slice(0, 300)})`);
      assert.deepEqual(mirror.sizes, { bids: depth, asks: depth }, `update ${seen} keeps full depth`);
      assert.ok(mirror.bestBid() < mirror.bestAsk(), 'not crossed');
      seen++;
      if (seen === Math.floor(count / 2) && midway) await midway();
    }
    return sock.frames.filter((f) => f.json.channel === 'book').map((f) => f.text);
  } finally {
    await sock.close();
  }
}

describe('public WS v2', () => {
  before(async () => {
    ex = await startExchange({ seed: 33 });
  });
  after(async () => {
    await ex.close();
  });

  it('sends status on connect and answers ping with pong', async () => {
    const sock = await openSocket(ex.wsUrl);
    const status = await sock.next((m) => m.channel === 'status');
    assert.equal(status.json.type, 'update');
    assert.equal(status.json.data[0].system, 'online');
    assert.equal(status.json.data[0].api_version, 'v2');
    assert.match(status.text, /"connection_id":\d{15,20}[,}]/);
    sock.send({ method: 'ping', req_id: 101 });
    const pong = await sock.next((m) => m.method === 'pong');
    assert.equal(pong.json.req_id, 101);
    assert.match(pong.json.time_in, RFC3339_MICRO);
    assert.match(pong.json.time_out, RFC3339_MICRO);
    await sock.close();
  });

  it('acks subscribe and unsubscribe once per symbol, with errors per bad symbol', async () => {
    const sock = await openSocket(ex.wsUrl);
    sock.send({ method: 'subscribe', params: { channel: 'ticker', symbol: ['BTC/USD', 'ETH/USD', 'FOO/USD'] }, req_id: 7 });
    await sock.next((m) => m.channel === 'ticker' && m.data[0].symbol === 'ETH/USD');
    await sock.next((m) => m.error?.includes('FOO/USD'));
    const acks = sock.frames.filter((f) => f.json.req_id === 7).map((f) => f.json);
    assert.equal(acks.length, 3);
    assert.deepEqual(acks.filter((a) => a.success).map((a) => a.result), [
      { channel: 'ticker', event_trigger: 'trades', snapshot: true, symbol: 'BTC/USD' },
      { channel: 'ticker', event_trigger: 'trades', snapshot: true, symbol: 'ETH/USD' },
    ]);
    const failure = acks.find((a) => !a.success);
    assert.equal(failure.error, 'Currency pair not supported FOO/USD');
    assert.equal(failure.method, 'subscribe');
    assert.equal(failure.symbol, 'FOO/USD');
    assert.match(failure.time_in, RFC3339_MICRO);
    sock.send({ method: 'subscribe', params: { channel: 'ticker', symbol: ['BTC/USD'] }, req_id: 8 });
    assert.equal((await sock.next((m) => m.req_id === 8)).json.error, 'Already subscribed');
    sock.send({ method: 'unsubscribe', params: { channel: 'ticker', symbol: ['BTC/USD', 'ETH/USD'] }, req_id: 9 });
    await sock.next((m) => m.req_id === 9 && m.result?.symbol === 'ETH/USD');
    const unsubscribed = sock.frames.filter((f) => f.json.req_id === 9).map((f) => f.json);
    assert.deepEqual(unsubscribed.map((a) => [a.method, a.success, a.result.symbol]), [
      ['unsubscribe', true, 'BTC/USD'],
      ['unsubscribe', true, 'ETH/USD'],
    ]);
    sock.send({ method: 'unsubscribe', params: { channel: 'ticker', symbol: ['BTC/USD'] }, req_id: 10 });
    assert.equal((await sock.next((m) => m.req_id === 10)).json.error, 'Subscription Not Found');
    await sock.close();
  });

  it('book depth 10: snapshot and many updates verify with an independent checksum, through a price jump', async () => {
    await control('/book/rate', { symbol: 'BTC/USD', updatesPerSecond: 300 });
    const texts = await verifyBook('BTC/USD', 10, 1, 8, 300, () => control('/price', { symbol: 'BTC/USD', price: '117000.0' }));
    assert.ok(texts.some((t) => /"qty":\d+\.\d*0[,}]/.test(t)), 'quantities keep trailing zeros on the wire');
    assert.ok(texts.every((t) => !/"(price|qty)":"/.test(t)), 'prices and quantities are JSON numbers');
  });

  it('book depth 1000: levels sliding in from below keep the client book full and the checksum right', async () => {
    await control('/book/rate', { symbol: 'BTC/USD', updatesPerSecond: 300 });
    await verifyBook('BTC/USD', 1000, 1, 8, 200, () => control('/price', { symbol: 'BTC/USD', price: '111000.0' }));
  });

  it('book for a coin priced in tiny ticks with whole-coin lots (PEPE/USD, depth 25)', async () => {
    await control('/book/rate', { symbol: 'PEPE/USD', updatesPerSecond: 200 });
    const texts = await verifyBook('PEPE/USD', 25, 9, 0, 60);
    assert.ok(texts.some((t) => /"price":0\.0000\d{5}[,}]/.test(t)), 'prices printed with 9 decimals');
    await control('/book/rate', { symbol: 'PEPE/USD', updatesPerSecond: 0.8 });
  });

  it('ticker: snapshot and updates on trades, bbo trigger on book changes', async () => {
    const sock = await openSocket(ex.wsUrl);
    await subscribe(sock, { channel: 'ticker', symbol: ['SOL/USD'] }, 1);
    const snap = await sock.next((m) => m.channel === 'ticker' && m.type === 'snapshot');
    const t = snap.json.data[0];
    for (const key of ['bid', 'bid_qty', 'ask', 'ask_qty', 'last', 'volume', 'vwap', 'low', 'high', 'change', 'change_pct']) {
      assert.equal(typeof t[key], 'number', key);
    }
    assert.match(snap.text, /"bid":\d+\.\d{2},/, 'SOL prices with 2 decimals');
    await control('/price', { symbol: 'SOL/USD', price: '170.00' });
    // the move's trade shows up as a ticker update at that price (synthetic trades may come before or after)
    await sock.next((m) => m.channel === 'ticker' && m.type === 'update' && m.data[0].last === 170);
    await subscribe(sock, { channel: 'ticker', symbol: ['BTC/USD'], event_trigger: 'bbo' }, 2);
    await sock.next((m) => m.channel === 'ticker' && m.type === 'update' && m.data[0].symbol === 'BTC/USD', 6000);
    await sock.close();
  });

  it('trade: no snapshot by default, 50 on request, updates as trades print', async () => {
    const sock = await openSocket(ex.wsUrl);
    await subscribe(sock, { channel: 'trade', symbol: ['ETH/USD'] }, 1);
    await subscribe(sock, { channel: 'trade', symbol: ['XRP/USD'], snapshot: true }, 2);
    const snap = await sock.next((m) => m.channel === 'trade' && m.type === 'snapshot');
    assert.equal(snap.json.data.length, 50);
    assert.ok(snap.json.data.every((d: WireJson) => d.symbol === 'XRP/USD'));
    assert.ok(!sock.frames.some((f) => f.json.channel === 'trade' && f.json.type === 'snapshot' && f.json.data[0].symbol === 'ETH/USD'));
    await control('/price', { symbol: 'ETH/USD', price: '3600.00' });
    const update = await sock.next((m) => m.channel === 'trade' && m.type === 'update' && m.data[0].symbol === 'ETH/USD' && m.data[0].price === 3600);
    const trade = update.json.data[0];
    assert.equal(trade.side, 'buy');
    assert.ok(['market', 'limit'].includes(trade.ord_type));
    assert.ok(Number.isInteger(trade.trade_id));
    assert.match(trade.timestamp, RFC3339_MICRO);
    await sock.close();
  });

  it('ohlc: snapshot of recent candles, live updates of the open candle, interval checked', async () => {
    const sock = await openSocket(ex.wsUrl);
    await subscribe(sock, { channel: 'ohlc', symbol: ['LTC/USD'], interval: 5 }, 1);
    const ack = sock.frames.find((f) => f.json.req_id === 1)?.json;
    assert.deepEqual(ack.result, { channel: 'ohlc', interval: 5, snapshot: true, symbol: 'LTC/USD' });
    const snap = await sock.next((m) => m.channel === 'ohlc' && m.type === 'snapshot');
    assert.ok(snap.json.data.length >= 720);
    const last = snap.json.data[snap.json.data.length - 1];
    assert.equal(last.interval, 5);
    assert.equal(Date.parse(last.interval_begin) / 1000, Math.floor(Date.now() / 300000) * 300);
    await control('/price', { symbol: 'LTC/USD', price: '120.00' });
    const update = await sock.next((m) => m.channel === 'ohlc' && m.type === 'update' && m.data[0].close === 120);
    assert.ok(update.json.data[0].high >= 120);
    assert.equal(update.json.data[0].interval, 5);
    sock.send({ method: 'subscribe', params: { channel: 'ohlc', symbol: ['LTC/USD'], interval: 7 }, req_id: 2 });
    assert.equal((await sock.next((m) => m.req_id === 2)).json.error, 'Subscription ohlc interval not supported');
    await sock.close();
  });

  it('instrument: assets and pairs with precision, increments and minimums', async () => {
    const sock = await openSocket(ex.wsUrl);
    sock.send({ method: 'subscribe', params: { channel: 'instrument' }, req_id: 3 });
    const ack = await sock.next((m) => m.req_id === 3);
    assert.deepEqual(ack.json.result, { channel: 'instrument', snapshot: true });
    const snap = await sock.next((m) => m.channel === 'instrument');
    assert.equal(snap.json.type, 'snapshot');
    assert.equal(snap.json.data.pairs.length, 30);
    assert.equal(snap.json.data.assets.length, 31);
    const btc = snap.json.data.pairs.find((p: WireJson) => p.symbol === 'BTC/USD');
    assert.deepEqual(
      { ...btc },
      {
        symbol: 'BTC/USD', base: 'BTC', quote: 'USD', status: 'online', qty_precision: 8, qty_increment: 1e-8, qty_min: 0.00005,
        price_precision: 1, price_increment: 0.1, tick_size: 0.1, cost_precision: 5, cost_min: 0.5, marginable: true,
        has_index: true, margin_initial: 0.2, position_limit_long: 250, position_limit_short: 200,
      },
    );
    assert.ok(snap.json.data.assets.some((a: WireJson) => a.id === 'BTC' && a.precision === 10 && a.status === 'enabled'));
    assert.match(snap.text, /"qty_increment":0\.00000001[,}]/);
    await sock.close();
  });

  it('sends heartbeats when idle after the first subscription', async () => {
    const sock = await openSocket(ex.wsUrl);
    await subscribe(sock, { channel: 'instrument' }, 1);
    await sock.next((m) => m.channel === 'heartbeat', 3000);
    await sock.close();
  });

  it('answers malformed and unknown requests with errors and stays up', async () => {
    const sock = await openSocket(ex.wsUrl);
    const ask = async (raw: string, reqId?: number) => {
      const from = sock.frames.length;
      sock.send(raw);
      return (await sock.next((m) => m.success === false && (reqId === undefined || m.req_id === reqId), 3000, from)).json;
    };
    assert.equal((await ask('garbage')).error, 'Malformed request');
    assert.equal((await ask('[1,2]')).error, 'Malformed request');
    assert.equal((await ask('null')).error, 'Malformed request');
    const unknown = await ask('{"method":"fly","req_id":4}', 4);
    assert.deepEqual([unknown.error, unknown.method], ['Method not found', 'fly']);
    assert.equal((await ask('{"method":"subscribe","params":"book","req_id":5}', 5)).error, 'Invalid params: params must be an object');
    assert.equal((await ask('{"method":"subscribe","params":{"channel":"candles","symbol":["BTC/USD"]},"req_id":6}', 6)).error, 'Subscription name invalid');
    assert.equal((await ask('{"method":"subscribe","params":{"channel":"book","symbol":"BTC/USD"},"req_id":7}', 7)).error, 'Invalid params: symbol must be a non-empty array of strings');
    assert.equal((await ask('{"method":"subscribe","params":{"channel":"book","symbol":[42]},"req_id":8}', 8)).error, 'Invalid params: symbol must be a non-empty array of strings');
    assert.equal((await ask('{"method":"subscribe","params":{"channel":"book"},"req_id":9}', 9)).error, 'Symbol(s) not found');
    assert.equal((await ask('{"method":"subscribe","params":{"channel":"book","symbol":["BTC/USD"],"depth":7},"req_id":10}', 10)).error, 'Subscription depth not supported');
    assert.equal((await ask('{"method":"subscribe","params":{"channel":"ticker","symbol":["BTC/USD"],"event_trigger":"x"},"req_id":11}', 11)).error, 'Invalid params: event_trigger');
    assert.equal((await ask('{"method":"subscribe","params":{"channel":"trade","symbol":["BTC/USD"],"snapshot":"yes"},"req_id":12}', 12)).error, 'Invalid params: snapshot');
    assert.equal((await ask('{"method":"ping","req_id":"abc"}')).error, 'Invalid req_id: must be an integer');
    sock.send({ method: 'ping', req_id: 99 });
    assert.equal((await sock.next((m) => m.method === 'pong' && m.req_id === 99)).json.success, undefined);
    await sock.close();
  });

  it('closes a socket that sends an oversized frame, and keeps serving others', async () => {
    const sock = await openSocket(ex.wsUrl);
    sock.send(JSON.stringify({ method: 'ping', pad: 'x'.repeat(70 * 1024) }));
    const { code } = await sock.closed;
    assert.equal(code, 1009);
    const other = await openSocket(ex.wsUrl);
    await other.next((m) => m.channel === 'status');
    await other.close();
  });

  it('refuses upgrades on unknown paths', async () => {
    const ws = new WebSocket(`${ex.restUrl.replace('http', 'ws')}/v1`);
    const error = await new Promise<Error>((resolve) => ws.once('error', resolve));
    assert.match(error.message, /404/);
  });
});
