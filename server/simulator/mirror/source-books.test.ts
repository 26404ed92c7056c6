import { test } from 'node:test';
import assert from 'node:assert/strict';
import { watchSourceBooks, type SourceBooks } from './source-books';
import { bookChecksum, type TextLevel } from '../../../lib/kraken/checksum';
import { KrakenWsClient } from '../../../lib/kraken/ws-client';
import { FakeClock, FakeWebSocket } from '../../../lib/kraken/ws-test-fakes';
import type { StateEvent } from '../../../lib/kraken/ws-types';
import { createKrakenUpstream } from '../../hub/kraken-upstream';

/**
 * The mirror's source books through the hub's Kraken adapter and book, over one client driven by an
 * in-memory socket and a manual clock: verified books, single-symbol resyncs, losses on reconnect.
 */

/** A book message as Kraken prints it: bare numbers with the pair's precision. */
function bookFrame(type: 'snapshot' | 'update', symbol: string, asks: TextLevel[], bids: TextLevel[], checksum: number): string {
  const levels = (ls: TextLevel[]) => `[${ls.map((l) => `{"price":${l.price},"qty":${l.qty}}`).join(',')}]`;
  return `{"channel":"book","type":"${type}","data":[{"symbol":"${symbol}","bids":${levels(bids)},"asks":${levels(asks)},"checksum":${checksum}}]}`;
}

const BOOKS: Record<string, { asks: TextLevel[]; bids: TextLevel[] }> = {
  'BTC/USD': {
    asks: [{ price: '30000.5', qty: '1.00000000' }, { price: '30001.0', qty: '0.50000000' }],
    bids: [{ price: '29999.5', qty: '2.00000000' }, { price: '29999.0', qty: '0.10000000' }],
  },
  'ETH/USD': {
    asks: [{ price: '2000.10', qty: '3.0000' }],
    bids: [{ price: '1999.90', qty: '4.0000' }],
  },
};
const PRECISIONS = new Map([['BTC/USD', { price: 1, qty: 8 }], ['ETH/USD', { price: 2, qty: 4 }]]);
const book = (symbol: string) => BOOKS[symbol] as { asks: TextLevel[]; bids: TextLevel[] };

interface Seen {
  kind: 'snapshot' | 'update' | 'lost';
  symbol: string;
  asks?: TextLevel[];
  bids?: TextLevel[];
}

function watch(client: KrakenWsClient, symbols: string[], precisionOf = (s: string) => PRECISIONS.get(s)): { books: SourceBooks; seen: Seen[] } {
  const seen: Seen[] = [];
  const books = watchSourceBooks(createKrakenUpstream({ url: 'wss://x/v2', shared: client }), {
    symbols, depth: 10, precisionOf,
    onBook: (symbol, asks, bids, fresh) => seen.push({ kind: fresh ? 'snapshot' : 'update', symbol, asks, bids }),
    onLost: (symbol) => seen.push({ kind: 'lost', symbol }),
  });
  return { books, seen };
}

async function setup() {
  FakeWebSocket.reset();
  const clock = new FakeClock();
  const client = new KrakenWsClient({ url: 'wss://x/v2', WebSocket: FakeWebSocket, now: clock.now, timers: clock, random: () => 0 });
  const states: StateEvent[] = [];
  client.on('state', (e) => states.push(e));
  const { books, seen } = watch(client, ['BTC/USD', 'ETH/USD']);
  client.connect();
  const ws = FakeWebSocket.latest();
  ws.serverOpen();
  for (const request of ws.requests().filter((r) => r.method === 'subscribe')) ws.ackAll(request);
  for (const [symbol, b] of Object.entries(BOOKS)) ws.serverSend(bookFrame('snapshot', symbol, b.asks, b.bids, bookChecksum(b.asks, b.bids)));
  return { client, books, ws, seen, clock, states };
}

const kinds = (seen: Seen[]) => seen.map((e) => [e.kind, e.symbol]);

test('snapshots and updates with good checksums build verified books for each symbol, each subscribed at the depth asked', async () => {
  const { books, ws, seen } = await setup();
  // asked before the socket opened, so the client sends both in one request
  assert.deepEqual(ws.requests().filter((r) => r.method === 'subscribe').map((r) => r.params), [
    { channel: 'book', depth: 10, snapshot: true, symbol: ['BTC/USD', 'ETH/USD'] },
  ]);
  assert.deepEqual(kinds(seen), [['snapshot', 'BTC/USD'], ['snapshot', 'ETH/USD']]);
  assert.deepEqual(seen[0]?.asks, book('BTC/USD').asks, 'levels carry the pair precision, trailing zeros kept');
  const asks = [{ price: '30000.5', qty: '0.25000000' }, ...book('BTC/USD').asks.slice(1)];
  ws.serverSend(bookFrame('update', 'BTC/USD', [{ price: '30000.5', qty: '0.25000000' }], [], bookChecksum(asks, book('BTC/USD').bids)));
  assert.deepEqual(seen.at(-1), { kind: 'update', symbol: 'BTC/USD', asks, bids: book('BTC/USD').bids });
  assert.deepEqual(books.status(), [{ symbol: 'BTC/USD', synced: true }, { symbol: 'ETH/USD', synced: true }]);
});

test('a bad checksum resyncs that symbol only: unsubscribe + subscribe it, others keep flowing, stale updates ignored', async () => {
  const { books, ws, seen } = await setup();
  ws.serverSend(bookFrame('update', 'BTC/USD', [{ price: '30000.5', qty: '9.00000000' }], [], 12345));
  assert.deepEqual(seen.at(-1), { kind: 'lost', symbol: 'BTC/USD' });
  assert.deepEqual(books.status().map((s) => s.synced), [false, true], 'the bad book is discarded');
  assert.deepEqual(ws.lastRequest('unsubscribe').params, { channel: 'book', symbol: ['BTC/USD'], depth: 10 });
  const resub = ws.lastRequest('subscribe');
  assert.deepEqual(resub.params, { channel: 'book', symbol: ['BTC/USD'], depth: 10, snapshot: true });

  const eth = book('ETH/USD');
  const ethBids = [{ price: '1999.95', qty: '1.0000' }, ...eth.bids];
  ws.serverSend(bookFrame('update', 'ETH/USD', [], [{ price: '1999.95', qty: '1' }], bookChecksum(eth.asks, ethBids)));
  assert.deepEqual(seen.at(-1), { kind: 'update', symbol: 'ETH/USD', asks: eth.asks, bids: ethBids }, 'ETH is untouched');

  ws.ackAll(resub);
  const count = seen.length;
  ws.serverSend(bookFrame('update', 'BTC/USD', [{ price: '30000.0', qty: '1.00000000' }], [], 1));
  assert.equal(seen.length, count, 'updates before the new snapshot are ignored, and resync nothing');
  const btc = book('BTC/USD');
  ws.serverSend(bookFrame('snapshot', 'BTC/USD', btc.asks, btc.bids, bookChecksum(btc.asks, btc.bids)));
  assert.deepEqual(kinds(seen.slice(-1)), [['snapshot', 'BTC/USD']]);
  assert.deepEqual(books.status().map((s) => s.synced), [true, true]);
});

test('a crossed book triggers a resync of that symbol', async () => {
  const { ws, seen } = await setup();
  const eth = book('ETH/USD');
  const bids = [{ price: '2000.10', qty: '1.0000' }, ...eth.bids];
  ws.serverSend(bookFrame('update', 'ETH/USD', [], [{ price: '2000.10', qty: '1.0000' }], bookChecksum(eth.asks, bids)));
  assert.deepEqual(seen.at(-1), { kind: 'lost', symbol: 'ETH/USD' });
  assert.deepEqual(ws.lastRequest('unsubscribe').params, { channel: 'book', symbol: ['ETH/USD'], depth: 10 });
});

test('a reconnect discards every book until the resubscribe brings new snapshots', async () => {
  const { books, seen, clock, states, ws } = await setup();
  ws.serverClose(1006);
  assert.deepEqual(kinds(seen.slice(-2)), [['lost', 'BTC/USD'], ['lost', 'ETH/USD']]);
  assert.deepEqual(books.status().map((s) => s.synced), [false, false]);
  clock.advance(states.at(-1)?.retryInMs as number);
  const next = FakeWebSocket.latest();
  next.serverOpen();
  assert.deepEqual(next.lastRequest('subscribe').params, { channel: 'book', depth: 10, snapshot: true, symbol: ['BTC/USD', 'ETH/USD'] });
  const btc = book('BTC/USD');
  next.serverSend(bookFrame('snapshot', 'BTC/USD', btc.asks, btc.bids, bookChecksum(btc.asks, btc.bids)));
  assert.deepEqual(books.status().map((s) => s.synced), [true, false]);
});

test('numbers without trailing zeros verify with the listed pair precision; unlisted pairs read it off the snapshot', async () => {
  FakeWebSocket.reset();
  const clock = new FakeClock();
  const client = new KrakenWsClient({ url: 'wss://x/v2', WebSocket: FakeWebSocket, now: clock.now, timers: clock });
  const { books, seen } = watch(client, ['SOL/USD', 'ETH/USD'], (s) => (s === 'SOL/USD' ? { price: 2, qty: 8 } : undefined));
  client.connect();
  const ws = FakeWebSocket.latest();
  ws.serverOpen();
  // JSON.parse-style numbers without trailing zeros: only the known precision can rebuild the checksum text
  const asks = [{ price: '150.10', qty: '2.00000000' }];
  const bids = [{ price: '150.00', qty: '1.50000000' }];
  ws.serverSend(`{"channel":"book","type":"snapshot","data":[{"symbol":"SOL/USD","asks":[{"price":150.1,"qty":2}],"bids":[{"price":150,"qty":1.5}],"checksum":${bookChecksum(asks, bids)}}]}`);
  assert.deepEqual(seen.at(-1), { kind: 'snapshot', symbol: 'SOL/USD', asks, bids });
  const eth = book('ETH/USD');
  ws.serverSend(bookFrame('snapshot', 'ETH/USD', eth.asks, eth.bids, bookChecksum(eth.asks, eth.bids)));
  assert.deepEqual(seen.at(-1), { kind: 'snapshot', symbol: 'ETH/USD', asks: eth.asks, bids: eth.bids });
  assert.deepEqual(books.status().map((s) => s.synced), [true, true]);
});

test('dispose stops listening: later frames for the symbols are ignored', async () => {
  const { books, ws, seen } = await setup();
  books.dispose();
  const count = seen.length;
  ws.serverSend(bookFrame('update', 'ETH/USD', [], [], 1));
  ws.serverClose(1006);
  assert.equal(seen.length, count);
});
