import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startExchange } from '../simulator/exchange';
import { createHub } from './hub';
import { createKrakenUpstream } from './kraken-upstream';
import { MirrorSink } from './testing/mirror-sink';
import { until } from './testing/until';

/**
 * The hub's books (lib/kraken's OrderBook, the one book implementation) against the built-in exchange at
 * depth 10 and 1000: every upstream checksum verifies over hundreds of updates, and every browser frame
 * verifies in an independent model book.
 */
async function control(base: string, path: string, body: unknown): Promise<void> {
  const res = await fetch(`${base}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  assert.equal(res.status, 200, `${path} answered ${res.status}`);
}

test('books at depth 10 and 1000: every checksum verifies over hundreds of updates', async () => {
  const exchange = await startExchange();
  const base = exchange.controlUrl.replace(/\/control$/, '');
  for (const symbol of ['BTC/USD', 'ETH/USD', 'SOL/USD']) await control(base, '/control/book/rate', { symbol, updatesPerSecond: 200 });
  const hub = createHub({ upstream: createKrakenUpstream({ url: exchange.wsUrl }), lingerMs: 200 });
  try {
    const shallow = new MirrorSink();
    const deep = new MirrorSink();
    const a = hub.connect(shallow);
    a.subscribe({ channel: 'book', symbol: 'BTC/USD', depth: 10 });
    a.subscribe({ channel: 'book', symbol: 'ETH/USD', depth: 10 });
    hub.connect(deep).subscribe({ channel: 'book', symbol: 'SOL/USD', depth: 1000 });
    await until(() => shallow.counts.bookUpdates >= 300 && deep.counts.bookUpdates >= 150, 20_000, '150 verified updates per book')
      .catch((error: unknown) => { throw new Error(`${String(error)} (${shallow.counts.bookUpdates} shallow, ${deep.counts.bookUpdates} deep, ${JSON.stringify(hub.stats().feeds)})`); });
    assert.equal(hub.stats().resyncs, 0, 'no upstream checksum ever failed');
    assert.deepEqual([...shallow.mismatches, ...deep.mismatches], []);
    const sol = hub.bookView('SOL/USD', 1000);
    assert.ok(sol, 'the deep book is live');
    assert.ok(sol.asks.length > 10 && sol.asks.length <= 1000, `deep book holds ${sol.asks.length} asks`);
    const btc = hub.bookView('BTC/USD', 10);
    assert.equal(btc?.bids.length, 10);
    assert.ok(Number(btc?.asks[0]?.[0]) > Number(btc?.bids[0]?.[0]), 'not crossed');
  } finally {
    await hub.close();
    await exchange.close();
  }
});
