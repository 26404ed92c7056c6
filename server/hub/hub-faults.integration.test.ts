import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startExchange } from '../simulator/exchange';
import { createHub } from './hub';
import { createKrakenUpstream } from './kraken-upstream';
import { MirrorSink } from './testing/mirror-sink';
import { until } from './testing/until';

/**
 * Fault tests against the built-in exchange over loopback: the hub's single upstream socket is killed
 * repeatedly and one checksum is corrupted; browsers (mirror sinks that verify every frame) must recover.
 */

const SYMBOLS = ['BTC/USD', 'ETH/USD', 'SOL/USD'];

async function control(base: string, path: string, body?: unknown): Promise<Record<string, unknown>> {
  const res = await fetch(`${base}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  assert.equal(res.status, 200, `${path} answered ${res.status}`);
  return (await res.json()) as Record<string, unknown>;
}

interface SocketState {
  subscriptions: Record<string, unknown>[];
}

async function upstreamSockets(controlUrl: string): Promise<SocketState[]> {
  const state = await control(controlUrl.replace(/\/control$/, ''), '/control/state');
  return (state.feed as { sockets: SocketState[] }).sockets;
}

function subscriptionSet(sockets: SocketState[]): string[] {
  return sockets.flatMap((s) => s.subscriptions.map((x) => JSON.stringify(x))).sort();
}

function staleAfter(b: MirrorSink, t: number): boolean {
  return b.statuses.some((x, i) => x === 'stale' && (b.statusTimes[i] ?? 0) > t);
}

async function setup() {
  const exchange = await startExchange();
  const base = exchange.controlUrl.replace(/\/control$/, '');
  for (const symbol of SYMBOLS) await control(base, '/control/book/rate', { symbol, updatesPerSecond: 50 });
  const upstream = createKrakenUpstream({
    url: exchange.wsUrl,
    // shortened pacing so 20 kills fit in a few seconds; production keeps the 1 s → 60 s defaults
    client: { backoff: { initialMs: 50, maxMs: 400 }, stableAfterMs: 300 },
  });
  const hub = createHub({ upstream, lingerMs: 200 });
  const browsers = SYMBOLS.map(() => new MirrorSink());
  SYMBOLS.forEach((symbol, i) => {
    const conn = hub.connect(browsers[i] as MirrorSink);
    conn.subscribe({ channel: 'book', symbol, depth: 10 });
    conn.subscribe({ channel: 'trade', symbol });
    conn.subscribe({ channel: 'ticker', symbol });
  });
  const allValid = () => SYMBOLS.every((s, i) => browsers[i]?.validSince.has(s));
  await until(allValid, 5000, 'first snapshots');
  const close = async () => {
    await hub.close();
    await exchange.close();
  };
  return { exchange, base, hub, browsers, allValid, close };
}

test('the upstream socket killed 20 times: every book recovers with a valid checksum within 3 s, same upstream subscriptions', async (t) => {
  const s = await setup();
  try {
    const before = subscriptionSet(await upstreamSockets(s.exchange.controlUrl));
    assert.equal(before.length, 9, 'three books, three trade feeds, three tickers on one upstream socket');
    const recoveries: number[] = [];
    const staleLatencies: number[] = [];
    for (let kill = 0; kill < 20; kill++) {
      const { closed } = await control(s.base, '/control/feed/drop', {});
      assert.equal(closed, 1, 'exactly one upstream socket to kill');
      const killedAt = performance.now();
      // books from before the kill are withdrawn (`stale` clears the mirror), then must come back verified
      const staleMs = await until(() => s.browsers.every((b) => staleAfter(b, killedAt)), 1000, `kill ${kill}: stale`);
      staleLatencies.push(staleMs);
      const ms = await until(
        () => SYMBOLS.every((sym, i) => (s.browsers[i]?.validSince.get(sym) ?? 0) > killedAt),
        3000,
        `kill ${kill}: recovery`,
      );
      recoveries.push(ms);
      await new Promise((r) => setTimeout(r, 100));
    }
    const after = await upstreamSockets(s.exchange.controlUrl);
    assert.equal(after.length, 1, 'still exactly one upstream connection');
    assert.deepEqual(subscriptionSet(after), before);
    for (const b of s.browsers) {
      assert.deepEqual(b.mismatches, []);
      assert.ok(b.statuses.filter((x) => x === 'stale').length >= 20, `stale announced each time: ${b.statuses.join(',')}`);
    }
    const sorted = [...recoveries].sort((a, b) => a - b);
    t.diagnostic(`recovery after kill (ms): median ${sorted[10]?.toFixed(0)}, max ${sorted[19]?.toFixed(0)}, all ${recoveries.map((r) => r.toFixed(0)).join(' ')}`);
    t.diagnostic(`kill → stale seen by every browser (ms): max ${Math.max(...staleLatencies).toFixed(0)}`);
    t.diagnostic(`book updates verified per browser: ${s.browsers.map((b) => b.counts.bookUpdates).join(', ')}`);
  } finally {
    await s.close();
  }
});

test('one corrupted checksum resyncs only that symbol', async (t) => {
  const s = await setup();
  try {
    const [btc, eth, sol] = s.browsers as [MirrorSink, MirrorSink, MirrorSink];
    const ethValidAt = eth.validSince.get('ETH/USD') ?? 0;
    const btcSnapshots = btc.counts.bookSnapshots;
    const btcUpdates = btc.counts.bookUpdates;
    await control(s.base, '/control/book/corrupt-checksum', { symbol: 'ETH/USD' });
    const ms = await until(() => (eth.validSince.get('ETH/USD') ?? 0) > ethValidAt, 3000, 'ETH resync');
    await until(() => btc.counts.bookUpdates > btcUpdates + 5, 3000, 'BTC keeps flowing');
    assert.deepEqual(eth.statuses.filter((x) => x.includes(':')), ['resyncing:ETH/USD', 'live:ETH/USD']);
    assert.deepEqual(btc.statuses.filter((x) => x.includes(':')), []);
    assert.deepEqual(sol.statuses.filter((x) => x.includes(':')), []);
    assert.equal(btc.counts.bookSnapshots, btcSnapshots, 'BTC got no new snapshot');
    assert.equal(s.hub.stats().resyncs, 1);
    for (const b of s.browsers) assert.deepEqual(b.mismatches, [], 'no browser ever saw the corrupted checksum');
    const sockets = await upstreamSockets(s.exchange.controlUrl);
    assert.equal(sockets.length, 1);
    assert.equal(subscriptionSet(sockets).length, 9);
    t.diagnostic(`ETH/USD resynced in ${ms.toFixed(0)} ms; BTC/USD updates meanwhile: ${btc.counts.bookUpdates - btcUpdates}`);
  } finally {
    await s.close();
  }
});
