import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startExchange } from '../simulator/exchange';
import { checksumOf } from '../simulator/ws-book-views';
import { resolveSymbol } from '../simulator/ws-requests';
import { createHub } from './hub';
import { createKrakenUpstream } from './kraken-upstream';
import { MirrorSink } from './testing/mirror-sink';
import { until } from './testing/until';

/**
 * Feed stalls on the built-in exchange (`/control/feed/stall`: the socket stays open, nothing is sent —
 * no data, acks, heartbeats or pongs — but new sockets are still accepted and their subscribe requests
 * registered and swallowed). Whatever the stall's length, and whether or not the hub's upstream reconnected
 * meanwhile, the hub's book must be live again within 5 s of resume, its checksum equal to the exchange's.
 * The upstream and hub run with their production timings (ack timeout, liveness, backoff, snapshot watchdog).
 */

const SYMBOL = 'BTC/USD';
const RECOVERY_MS = 5000;

async function control(base: string, path: string, body: unknown = {}): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}${path}`, {
    method: path.endsWith('/state') ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(path.endsWith('/state') ? {} : { body: JSON.stringify(body) }),
  });
  assert.equal(res.status, 200, `${path} answered ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function setup() {
  const exchange = await startExchange();
  const base = exchange.controlUrl.replace(/\/control$/, '');
  await control(base, '/control/book/rate', { symbol: SYMBOL, updatesPerSecond: 20 });
  const upstream = createKrakenUpstream({ url: exchange.wsUrl });
  const hub = createHub({ upstream, lingerMs: 200 });
  const browser = new MirrorSink();
  const conn = hub.connect(browser);
  conn.subscribe({ channel: 'book', symbol: SYMBOL, depth: 10 });
  conn.subscribe({ channel: 'trade', symbol: SYMBOL });
  conn.subscribe({ channel: 'ohlc', symbol: SYMBOL, interval: 1 });
  const market = exchange.market.pair((resolveSymbol(SYMBOL) ?? assert.fail('BTC/USD is listed')).id);
  /** live feed, verified book, and that book is exactly the exchange's (same checksum over the top 10) */
  const recovered = () => {
    const view = hub.bookView(SYMBOL);
    return hub.feedState === 'live' && view !== undefined && view.checksum === checksumOf(market) && hub.stats().awaitingSnapshot.length === 0;
  };
  await until(recovered, RECOVERY_MS, 'first snapshot');
  const socketIds = async () => {
    const state = await control(base, '/control/state');
    return (state.feed as { sockets: { id: string }[] }).sockets.map((s) => s.id);
  };

  /** Stalls for `ms` (running `meanwhile` halfway), resumes, and returns how long recovery took. */
  const stall = async (ms: number, meanwhile?: () => Promise<void>) => {
    const before = await socketIds();
    await control(base, '/control/feed/stall');
    await sleep(ms / 2);
    await meanwhile?.();
    await sleep(ms / 2);
    // past the 3 s stale threshold a silent feed must not be served as live (a shorter stall may still look live)
    if (ms > 3500) assert.equal(hub.bookView(SYMBOL), undefined, 'a stalled feed is not served as live');
    await control(base, '/control/feed/resume');
    const took = await until(recovered, RECOVERY_MS, `${ms} ms stall: live with the exchange's checksum after resume`);
    assert.deepEqual(browser.mismatches, [], 'the browser never saw a book that failed its checksum');
    // a tab opened now gets the verified book at once, not an empty one
    const tab = new MirrorSink();
    hub.connect(tab).subscribe({ channel: 'book', symbol: SYMBOL, depth: 10 });
    assert.ok(tab.validSince.has(SYMBOL), 'a new tab gets a verified snapshot immediately');
    return { took, reconnected: (await socketIds()).join() !== before.join() };
  };
  const close = async () => {
    await hub.close();
    await exchange.close();
  };
  return { base, hub, browser, stall, close };
}

test('stalls of 2 s (same socket) and 8 s (spans reconnects) end live with the exchange checksum within 5 s of resume', async (t) => {
  const s = await setup();
  try {
    const short = await s.stall(2000);
    assert.equal(short.reconnected, false, 'a 2 s stall is ridden out on the same socket');
    const long = await s.stall(8000);
    assert.equal(long.reconnected, true, 'an 8 s stall outlives the liveness window: the upstream reconnected during it');
    t.diagnostic(`recovery after resume: 2 s stall ${short.took.toFixed(0)} ms, 8 s stall ${long.took.toFixed(0)} ms`);
  } finally {
    await s.close();
  }
});

test('a stall during which the upstream socket is also dropped ends live within 5 s of resume', async (t) => {
  const s = await setup();
  try {
    const result = await s.stall(4000, async () => {
      const { closed } = await control(s.base, '/control/feed/drop');
      assert.equal(closed, 1);
    });
    assert.equal(result.reconnected, true);
    t.diagnostic(`recovery after resume: ${result.took.toFixed(0)} ms; snapshot retries ${s.hub.stats().snapshotRetries}`);
  } finally {
    await s.close();
  }
});

test('a 30 s stall ends live with the exchange checksum within 5 s of resume', async (t) => {
  const s = await setup();
  try {
    const result = await s.stall(30_000);
    assert.equal(result.reconnected, true);
    t.diagnostic(`recovery after resume: ${result.took.toFixed(0)} ms`);
  } finally {
    await s.close();
  }
});
