import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WebSocket } from 'ws';
import { startExchange } from '../simulator/exchange';
import { createHub, type HubOptions } from './hub';
import { createKrakenUpstream } from './kraken-upstream';
import { framesOf } from './testing/ws-frames';
import { serveWs } from './testing/ws-server';
import { until } from './testing/until';

/**
 * Real browsers-over-/ws against the built-in exchange: churn must not leak upstream subscriptions or
 * connections, and one stalled reader must neither grow without bound nor slow the others.
 */

const ORIGIN = 'http://127.0.0.1:3000';
const SYMBOLS = ['BTC/USD', 'ETH/USD', 'SOL/USD'];

async function start(hubOptions: Partial<HubOptions> = {}) {
  const exchange = await startExchange();
  const base = exchange.controlUrl.replace(/\/control$/, '');
  const upstream = createKrakenUpstream({ url: exchange.wsUrl });
  const hub = createHub({ upstream, lingerMs: 200, ...hubOptions });
  const served = await serveWs({
    hub,
    authenticate: async () => ({ memberId: 1, username: 'ada', role: 'viewer' }),
    isAllowedOrigin: (o) => o === ORIGIN,
  });
  const { url, handler } = served;
  const feedState = async () => {
    const state = (await (await fetch(`${base}/control/state`)).json()) as {
      feed: { counts: { sockets: number; subscriptions: number } };
    };
    return state.feed.counts;
  };
  const close = async () => {
    await served.close();
    await exchange.close();
  };
  return { exchange, base, hub, handler, url, feedState, close };
}

/** Opens a browser socket, subscribes, resolves once the first book snapshot arrived. */
function browser(url: string, symbol: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin: ORIGIN });
    // generous: the whole suite shares two cores; this bounds a hang, it does not measure speed
    const timer = setTimeout(() => reject(new Error(`no snapshot for ${symbol}`)), 15_000);
    ws.on('open', () => {
      ws.send(JSON.stringify({ op: 'subscribe', channel: 'book', symbol }));
      ws.send(JSON.stringify({ op: 'subscribe', channel: 'trade', symbol }));
    });
    ws.on('message', (data) => {
      if (framesOf(data).some((m) => m.channel === 'book' && m.type === 'snapshot')) {
        clearTimeout(timer);
        resolve(ws);
      }
    });
    ws.on('error', reject);
  });
}

test('500 browser connect/close cycles leave exactly one upstream connection and no leaked subscriptions', async (t) => {
  const s = await start();
  try {
    let maxUpstreamSockets = 0;
    const started = performance.now();
    const CYCLES = 500;
    const CONCURRENCY = 25;
    for (let batch = 0; batch < CYCLES / CONCURRENCY; batch++) {
      const sockets = await Promise.all(
        Array.from({ length: CONCURRENCY }, (_, i) => browser(s.url, SYMBOLS[(batch + i) % SYMBOLS.length] as string)),
      );
      await Promise.all(sockets.map((ws) => new Promise((r) => (ws.once('close', r), ws.close()))));
      if (batch % 5 === 0) maxUpstreamSockets = Math.max(maxUpstreamSockets, (await s.feedState()).sockets);
    }
    const elapsed = performance.now() - started;
    await until(() => s.hub.stats().connections === 0, 2000, 'hub forgets closed browsers');
    await until(async () => (await s.feedState()).subscriptions === 0, 2000, 'upstream subscriptions released after the linger');
    const counts = await s.feedState();
    assert.equal(counts.sockets, 1, 'one upstream connection');
    assert.equal(maxUpstreamSockets, 1, 'never more than one upstream connection during the churn');
    assert.deepEqual(s.hub.stats().feeds, []);
    assert.equal(s.handler.connections(), 0);
    t.diagnostic(`${CYCLES} connect/subscribe/snapshot/close cycles in ${elapsed.toFixed(0)} ms (${((CYCLES / elapsed) * 1000).toFixed(0)}/s); upstream sockets ${counts.sockets}, subscriptions ${counts.subscriptions}`);
  } finally {
    await s.close();
  }
});

/**
 * A browser stops reading, then asks for every book at full depth (~2 MB of snapshots per round) while each
 * book is resynced five times. Returns the stalled connection's peaks and the hub's counters.
 */
async function stalledBrowserRun(softCapBytes: number, acks: boolean) {
  const s = await start({ limits: { softCapBytes, lowWaterBytes: 32 * 1024, hardCapBytes: 16 * 1024 * 1024 }, lingerMs: 0 });
  try {
    const pairs = ((await (await fetch(`${s.base}/control/state`)).json()) as { pairs: { symbol: string }[] }).pairs.map((p) => p.symbol);
    const healthy = await Promise.all([browser(s.url, 'BTC/USD'), browser(s.url, 'ETH/USD'), browser(s.url, 'BTC/USD')]);
    const received = healthy.map(() => 0);
    healthy.forEach((ws, i) => ws.on('message', (data) => (received[i] = (received[i] ?? 0) + framesOf(data).length)));
    const stalled = new WebSocket(s.url, { origin: ORIGIN });
    await new Promise((r) => stalled.once('open', r));
    if (acks) stalled.send(JSON.stringify({ op: 'ack', bytes: 0 }));
    (stalled as unknown as { _socket: { pause(): void } })._socket.pause();
    for (const symbol of pairs) stalled.send(JSON.stringify({ op: 'subscribe', channel: 'book', symbol, depth: 1000 }));
    let maxBuffered = 0;
    let maxBacklog = 0;
    const sample = setInterval(() => {
      const stats = s.hub.stats();
      maxBuffered = Math.max(maxBuffered, stats.bufferedMax);
      maxBacklog = Math.max(maxBacklog, stats.backlogMax);
    }, 5);
    // each corrupted checksum makes the hub resync that book and send everyone a fresh snapshot
    for (let round = 0; round < 5; round++) {
      await Promise.all(pairs.map((symbol) => fetch(`${s.base}/control/book/corrupt-checksum`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ symbol }) })));
      await new Promise((r) => setTimeout(r, 250));
    }
    clearInterval(sample);
    stalled.terminate();
    for (const ws of healthy) ws.close();
    return { maxBuffered, maxBacklog, received, stats: s.hub.stats() };
  } finally {
    await s.close();
  }
}

test('a stalled browser stays under its buffer cap while the others keep receiving', async (t) => {
  const softCapBytes = 128 * 1024;
  const { maxBuffered, received, stats } = await stalledBrowserRun(softCapBytes, false);
  t.diagnostic(`stalled socket buffered peak ${maxBuffered} B (soft cap ${softCapBytes} B); conflation events ${stats.conflated}; healthy browsers received ${received.join(', ')} frames; resyncs ${stats.resyncs}`);
  assert.ok(stats.conflated > 0, 'the stalled browser was conflated');
  assert.equal(stats.closedTooSlow, 0, 'book-only traffic never reaches the hard cap');
  // above the soft cap nothing more is queued except at most one snapshot already in flight
  assert.ok(maxBuffered < softCapBytes + 256 * 1024, `buffered peak ${maxBuffered} bytes stays near the soft cap`);
  // every one of the five resync rounds sends each healthy browser a fresh snapshot of its book, whatever the machine's speed
  for (const n of received) assert.ok(n >= 5, `healthy browsers kept receiving: at least the snapshot of every resync round (${received.join(', ')})`);
});

test('a stalled browser that acks is sent little more than the soft cap in all: kernel buffers never fill', async (t) => {
  const softCapBytes = 128 * 1024;
  const { maxBuffered, maxBacklog, received, stats } = await stalledBrowserRun(softCapBytes, true);
  t.diagnostic(`stalled socket: unacknowledged peak ${maxBacklog} B, buffered peak ${maxBuffered} B (soft cap ${softCapBytes} B); conflation events ${stats.conflated}; healthy browsers received ${received.join(', ')} frames`);
  assert.ok(stats.conflated > 0, 'the stalled browser was conflated');
  assert.equal(stats.closedTooSlow, 0);
  // it acked nothing, so its backlog is every byte it was ever sent: the cap plus one snapshot at most
  assert.ok(maxBacklog > softCapBytes && maxBacklog < softCapBytes + 128 * 1024, `sent ${maxBacklog} bytes in all`);
  // every one of the five resync rounds sends each healthy browser a fresh snapshot of its book, whatever the machine's speed
  for (const n of received) assert.ok(n >= 5, `healthy browsers kept receiving: at least the snapshot of every resync round (${received.join(', ')})`);
});
