/**
 * The preview's book never depends on the depth some browser happened to subscribe: against the built-in
 * exchange and the real hub, a book the hub keeps at depth 10 is not used (REST Depth with 500 levels is),
 * and a book the hub keeps at 500 is. A symbol once asked for is then kept at 500 levels by the order service's
 * book keeper, browsers or not, so the next asks read it live.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createHub, type Hub } from '../../server/hub/hub';
import { createKrakenUpstream } from '../../server/hub/kraken-upstream';
import { MirrorSink } from '../../server/hub/testing/mirror-sink';
import { until } from '../../server/hub/testing/until';
import { startExchange, type RunningExchange } from '../../server/simulator/exchange';
import { createKrakenClient, type KrakenClient } from '../kraken/rest';
import { BookKeeper } from './book-keeper';
import { createMarketContext, PREVIEW_DEPTH, type BookSource } from './market-context';

let exchange: RunningExchange;
let hub: Hub;
let kraken: KrakenClient;
const depthCalls: string[] = [];

before(async () => {
  exchange = await startExchange({ seed: 5 });
  hub = createHub({ upstream: createKrakenUpstream({ url: exchange.wsUrl }), lingerMs: 200 });
  const client = createKrakenClient({ restUrl: exchange.restUrl });
  const depth = client.public.depth.bind(client.public);
  // counts REST Depth calls and their level count, the real call still goes to the exchange
  client.public.depth = (pair, options) => {
    depthCalls.push(`${pair}:${options?.count}`);
    return depth(pair, options);
  };
  kraken = client;
});
after(async () => {
  await hub.close();
  await exchange.close();
});

const hubBook: BookSource = (symbol, depth) => {
  const view = hub.bookView(symbol, depth);
  const levels = (side: [string, string][]) => side.map(([price, qty]) => ({ price, qty }));
  return view && { asks: levels(view.asks), bids: levels(view.bids), live: true };
};

test('a book the hub keeps at depth 10 is not the preview book: REST Depth is asked for 500 levels', async () => {
  const browser = new MirrorSink();
  hub.connect(browser).subscribe({ channel: 'book', symbol: 'BTC/USD', depth: 10 });
  await until(() => browser.validSince.has('BTC/USD'), 5000, 'the depth-10 book');
  assert.ok(hub.bookView('BTC/USD', 10), 'the hub has a live book');
  const market = createMarketContext(kraken, hubBook);
  const book = await market.book('BTC/USD');
  assert.equal(book.source, 'rest');
  assert.deepEqual(depthCalls, [`BTC/USD:${PREVIEW_DEPTH}`]);
  assert.ok(book.asks.length > 10, `REST answered ${book.asks.length} asks, more than the hub's 10`);
});

test('a book the hub keeps at 500 levels is read live, without a REST call', async () => {
  depthCalls.length = 0;
  const browser = new MirrorSink();
  hub.connect(browser).subscribe({ channel: 'book', symbol: 'ETH/USD', depth: 500 });
  await until(() => browser.validSince.has('ETH/USD'), 5000, 'the depth-500 book');
  const market = createMarketContext(kraken, hubBook);
  const book = await market.book('ETH/USD');
  assert.equal(book.source, 'live');
  assert.ok(book.asks.length > 10 && book.bids.length > 10, `${book.asks.length} asks, ${book.bids.length} bids`);
  assert.deepEqual(depthCalls, []);
});

test('a symbol asked for once is kept live at 500 levels without any browser: later asks make no REST call; let go, the hub drops it', async () => {
  depthCalls.length = 0;
  const keeper = new BookKeeper((symbol, depth) => hub.holdBook(symbol, depth), { depth: PREVIEW_DEPTH });
  const market = createMarketContext(kraken, hubBook, Date.now, (symbol) => keeper.touch(symbol));
  const first = await market.book('SOL/USD');
  assert.equal(first.source, 'rest', 'nobody kept SOL/USD before: the first ask goes to REST');
  assert.deepEqual(depthCalls, [`SOL/USD:${PREVIEW_DEPTH}`]);
  assert.deepEqual(keeper.symbols(), ['SOL/USD']);
  await until(() => hub.bookView('SOL/USD', PREVIEW_DEPTH) !== undefined, 5000, 'the kept SOL/USD book');
  for (let i = 0; i < 3; i++) {
    const later = await market.book('SOL/USD');
    assert.equal(later.source, 'live');
    assert.ok(later.asks.length > 10 && later.bids.length > 10, `${later.asks.length} asks, ${later.bids.length} bids`);
  }
  assert.deepEqual(depthCalls, [`SOL/USD:${PREVIEW_DEPTH}`], 'no REST call after the first');
  assert.equal(hub.stats().connections, 2, 'only the two browsers of the tests above: the kept book has none');
  keeper.close();
  await until(() => !hub.stats().feeds.includes('book:SOL/USD'), 5000, 'the let-go book dropped after the linger');
});
