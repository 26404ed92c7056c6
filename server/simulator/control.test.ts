import assert from 'node:assert/strict';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { handleControl } from './control';
import { type RunningExchange, startExchange } from './exchange';
import { isLoopbackPeer } from './http';
import { BookMirror } from './test-book-mirror';
import { openSocket, type WireJson } from './test-ws-client';

let ex: RunningExchange;
const JSON_TYPE = { 'content-type': 'application/json' };

const post = async (path: string, body?: unknown) => {
  const res = await fetch(`${ex.controlUrl}${path}`, { method: 'POST', headers: JSON_TYPE, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, body: (await res.json()) as WireJson };
};
const state = async () => (await (await fetch(`${ex.controlUrl}/state`)).json()) as WireJson;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('control endpoints', () => {
  before(async () => {
    ex = await startExchange({ seed: 44 });
  });
  after(async () => {
    await ex.close();
  });

  it('accepts only loopback peers', async () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1']) assert.equal(isLoopbackPeer(address), true, address);
    for (const address of ['10.0.0.7', '192.168.1.2', '::ffff:10.0.0.7', '2001:db8::1', '127.0.0.2', undefined]) {
      assert.equal(isLoopbackPeer(address), false, String(address));
    }
    let status = 0;
    let text = '';
    const req = { socket: { remoteAddress: '10.1.2.3' }, method: 'POST', resume: () => undefined } as unknown as IncomingMessage;
    const res = {
      writeHead: (s: number) => {
        status = s;
      },
      end: (t: string) => {
        text = t;
      },
    } as unknown as ServerResponse;
    await handleControl(req, res, '/control/feed/stall', { market: ex.market, feed: undefined as never, faults: undefined as never });
    assert.equal(status, 403);
    assert.match(text, /loopback/);
  });

  it('moves a price: ticker, book and trades follow', async () => {
    const moved = await post('/price', { symbol: 'XBTUSD', price: '120000.0' });
    assert.equal(moved.status, 200);
    assert.equal(moved.body.last, '120000.0');
    const ticker = (await (await fetch(`${ex.restUrl}/0/public/Ticker?pair=XBTUSD`)).json()) as WireJson;
    // the synthetic flow keeps trading after the move, so the market is near, not exactly at, the price
    assert.ok(Math.abs(Number(ticker.result.XXBTZUSD.c[0]) - 120000) < 50, ticker.result.XXBTZUSD.c[0]);
    assert.ok(Math.abs(Number(ticker.result.XXBTZUSD.a[0]) - 120000) < 50);
    const trades = (await (await fetch(`${ex.restUrl}/0/public/Trades?pair=XBTUSD&count=50`)).json()) as WireJson;
    assert.ok(trades.result.XXBTZUSD.some((t: string[]) => t[0] === '120000.00000'), 'the move printed a trade at the price');
    assert.equal((await post('/price', { symbol: 'XBTUSD', price: '1.23' })).status, 400, 'off-tick');
    assert.equal((await post('/price', { symbol: 'NOPE', price: '1' })).status, 400);
    assert.equal((await post('/price', { price: '1' })).status, 400);
  });

  it('stalls the feed (no data, no heartbeats, socket open) and resumes it', async () => {
    const sock = await openSocket(ex.wsUrl);
    sock.send({ method: 'subscribe', params: { channel: 'book', symbol: ['BTC/USD'] }, req_id: 1 });
    await sock.next((m) => m.channel === 'book' && m.type === 'snapshot');
    assert.deepEqual((await post('/feed/stall')).body, { stalled: true });
    await sleep(100);
    const before = sock.frames.length;
    sock.send({ method: 'ping', req_id: 2 });
    await sleep(1600);
    assert.equal(sock.frames.length, before, 'nothing at all while stalled');
    assert.equal(sock.ws.readyState, WebSocket.OPEN);
    assert.equal((await state()).feed.stalled, true);
    assert.deepEqual((await post('/feed/resume')).body, { stalled: false });
    await sock.next((m) => m.channel === 'book' || m.channel === 'heartbeat', 3000, before);
    await sock.close();
  });

  it('drops every public socket and refuses new ones for a while', async () => {
    const a = await openSocket(ex.wsUrl);
    const b = await openSocket(ex.wsUrl);
    const dropped = await post('/feed/drop', { refuseMs: 400 });
    assert.equal(dropped.body.closed, 2);
    assert.equal((await a.closed).code, 1006);
    assert.equal((await b.closed).code, 1006);
    const refused = new WebSocket(ex.wsUrl);
    const error = await new Promise<Error>((resolve) => refused.once('error', resolve));
    assert.match(error.message, /503/);
    await sleep(450);
    const c = await openSocket(ex.wsUrl);
    await c.next((m) => m.channel === 'status');
    const graceful = await post('/feed/drop', { code: 1001 });
    assert.equal(graceful.body.closed, 1);
    assert.equal((await c.closed).code, 1001);
  });

  it('drops every private socket and refuses new ones for a while, leaving public sockets open', async () => {
    const authUrl = ex.wsUrl.replace(/\/v2$/, '/auth/v2');
    const market = await openSocket(ex.wsUrl);
    const account = await openSocket(authUrl);
    const dropped = await post('/auth-feed/drop', { refuseMs: 400 });
    assert.deepEqual(dropped.body, { closed: 1, refuseMs: 400 });
    assert.equal((await account.closed).code, 1006);
    const refused = new WebSocket(authUrl);
    const error = await new Promise<Error>((resolve) => refused.once('error', resolve));
    assert.match(error.message, /503/);
    await sleep(450);
    const again = await openSocket(authUrl);
    await again.close();
    market.send({ method: 'ping', req_id: 9 });
    await market.next((m) => m.method === 'pong' && m.req_id === 9);
    await market.close();
  });

  it('corrupts the next book checksum of one symbol only', async () => {
    await post('/book/rate', { symbol: 'ETH/USD', updatesPerSecond: 100 });
    const sock = await openSocket(ex.wsUrl);
    try {
      sock.send({ method: 'subscribe', params: { channel: 'book', symbol: ['ETH/USD'], depth: 10 }, req_id: 1 });
      const snap = await sock.next((m) => m.channel === 'book' && m.type === 'snapshot');
      const mirror = new BookMirror(10, 2, 8);
      assert.ok(mirror.apply(snap.json.data[0], true));
      let index = sock.frames.indexOf(snap) + 1;
      const results: boolean[] = [];
      const applyNext = async () => {
        const frame = await sock.next((m) => m.channel === 'book' && m.type === 'update', 4000, index);
        index = sock.frames.indexOf(frame) + 1;
        results.push(mirror.apply(frame.json.data[0], false));
      };
      await applyNext();
      assert.deepEqual(results, [true], 'healthy before');
      assert.deepEqual((await post('/book/corrupt-checksum', { symbol: 'ETH/USD' })).body, { symbol: 'ETH/USD', armed: true });
      // every update is applied in order; the first one sent after arming carries the wrong checksum
      const settled = () => {
        const wrong = results.indexOf(false);
        return wrong >= 0 && results.length - wrong > 3;
      };
      while (!settled() && results.length < 400) await applyNext();
      assert.equal(results.filter((r) => !r).length, 1, `exactly one wrong checksum: ${results.join(',')}`);
      assert.equal(results[results.length - 1], true, 'the book itself stayed right');
    } finally {
      await sock.close();
      await post('/book/rate', { symbol: 'ETH/USD', updatesPerSecond: 4 });
    }
  });

  it('sets a book update rate', async () => {
    const set = await post('/book/rate', { symbol: 'SOL/USD', updatesPerSecond: 250 });
    assert.deepEqual(set.body, { symbol: 'SOL/USD', updatesPerSecond: 250 });
    assert.equal((await state()).pairs.find((p: WireJson) => p.symbol === 'SOL/USD').bookRate, 250);
    assert.equal((await post('/book/rate', { symbol: 'SOL/USD', updatesPerSecond: -1 })).status, 400);
    assert.equal((await post('/book/rate', { symbol: 'SOL/USD', updatesPerSecond: 1e9 })).status, 400);
    await post('/book/rate', { symbol: 'SOL/USD', updatesPerSecond: 2 });
  });

  it('sets the system status: REST SystemStatus, WS status channel and MarketView', async () => {
    const sock = await openSocket(ex.wsUrl);
    await sock.next((m) => m.channel === 'status');
    for (const status of ['maintenance', 'cancel_only', 'post_only', 'online']) {
      assert.deepEqual((await post('/status', { status })).body, { status });
      const rest = (await (await fetch(`${ex.restUrl}/0/public/SystemStatus`)).json()) as WireJson;
      assert.equal(rest.result.status, status);
      assert.equal(ex.market.status(), status);
      await sock.next((m) => m.channel === 'status' && m.data[0].system === status);
    }
    assert.equal((await post('/status', { status: 'broken' })).status, 400);
    await sock.close();
  });

  it('arms, lists and clears faults', async () => {
    const armed = await post('/faults', { kind: 'unavailable', method: 'AddOrder', count: 2 });
    assert.deepEqual(armed.body.faults, [{ kind: 'unavailable', method: 'AddOrder', count: 2 }]);
    await post('/faults', { kind: 'lost-response', method: 'CancelOrder' });
    const listed = (await (await fetch(`${ex.controlUrl}/faults`)).json()) as WireJson;
    assert.equal(listed.faults.length, 2);
    assert.equal(listed.faults[1].count, 1, 'count defaults to 1');
    const cleared = (await (await fetch(`${ex.controlUrl}/faults`, { method: 'DELETE' })).json()) as WireJson;
    assert.deepEqual(cleared.faults, []);
    assert.equal((await post('/faults', { kind: 'explode', method: 'AddOrder' })).status, 400);
  });

  it('reports open public sockets and their subscriptions', async () => {
    const sock = await openSocket(ex.wsUrl);
    sock.send({ method: 'subscribe', params: { channel: 'book', symbol: ['BTC/USD'], depth: 25 }, req_id: 1 });
    sock.send({ method: 'subscribe', params: { channel: 'ohlc', symbol: ['ETH/USD'], interval: 60 }, req_id: 2 });
    sock.send({ method: 'subscribe', params: { channel: 'ticker', symbol: ['SOL/USD'], event_trigger: 'bbo' }, req_id: 3 });
    await sock.next((m) => m.req_id === 3);
    const s = await state();
    assert.equal(s.feed.counts.sockets, 1);
    assert.equal(s.feed.counts.subscriptions, 3);
    assert.deepEqual(s.feed.sockets[0].subscriptions, [
      { channel: 'book', symbol: 'BTC/USD', depth: 25 },
      { channel: 'ohlc', symbol: 'ETH/USD', interval: 60 },
      { channel: 'ticker', symbol: 'SOL/USD', event_trigger: 'bbo' },
    ]);
    assert.deepEqual(s.feed.counts.byChannel, { book: 1, ohlc: 1, ticker: 1 });
    await sock.close();
    await sleep(50);
    assert.equal((await state()).feed.counts.sockets, 0);
  });

  it('answers bad control requests clearly', async () => {
    const res = await fetch(`${ex.controlUrl}/price`, { method: 'POST', headers: JSON_TYPE, body: '{nope' });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as WireJson).error, /valid JSON/);
    const missing = await fetch(`${ex.controlUrl}/teleport`, { method: 'POST', headers: JSON_TYPE });
    assert.equal(missing.status, 404);
    await missing.text();
    const wrongMethod = await fetch(`${ex.controlUrl}/state`, { method: 'POST', headers: JSON_TYPE });
    assert.equal(wrongMethod.status, 404);
    await wrongMethod.text();
  });

  it('refuses what a foreign web page can send: no-cors text/plain POSTs and foreign Origins, changing nothing', async () => {
    const before = (await state()).status;
    const body = JSON.stringify({ status: 'maintenance' });
    const plain = await fetch(`${ex.controlUrl}/status`, { method: 'POST', headers: { 'content-type': 'text/plain;charset=UTF-8' }, body });
    assert.equal(plain.status, 415);
    assert.match(((await plain.json()) as WireJson).error, /Content-Type: application\/json/);
    const untyped = await fetch(`${ex.controlUrl}/feed/stall`, { method: 'POST' });
    assert.equal(untyped.status, 415);
    await untyped.text();
    for (const origin of ['https://evil.example', 'http://127.0.0.1.evil.example', 'null', 'http://localhost.evil.example:3000']) {
      const foreign = await fetch(`${ex.controlUrl}/status`, { method: 'POST', headers: { ...JSON_TYPE, origin }, body });
      assert.equal(foreign.status, 403, origin);
      assert.match(((await foreign.json()) as WireJson).error, /other origins/);
    }
    const foreignDelete = await fetch(`${ex.controlUrl}/faults`, { method: 'DELETE', headers: { origin: 'https://evil.example' } });
    assert.equal(foreignDelete.status, 403);
    await foreignDelete.text();
    const s = await state();
    assert.equal(s.status, before);
    assert.equal(s.feed.stalled, false);
    for (const origin of ['http://127.0.0.1:3000', 'http://localhost:3000', 'http://[::1]:8080', 'http://localhost']) {
      const local = await fetch(`${ex.controlUrl}/status`, { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8', origin }, body: JSON.stringify({ status: 'online' }) });
      assert.equal(local.status, 200, origin);
      await local.text();
    }
  });
});
