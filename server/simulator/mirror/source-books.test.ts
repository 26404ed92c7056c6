import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BookSync, type BookSyncEvents } from './source-books';
import { bookChecksum, type TextLevel } from '../../../lib/kraken/checksum';
import { KrakenWsClient } from '../../../lib/kraken/ws-client';
import { FakeClock, FakeWebSocket } from '../../../lib/kraken/ws-test-fakes';
import type { StateEvent } from '../../../lib/kraken/ws-types';

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

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

async function setup() {
  FakeWebSocket.reset();
  const clock = new FakeClock();
  const client = new KrakenWsClient({ url: 'wss://x/v2', WebSocket: FakeWebSocket, now: clock.now, timers: clock, random: () => 0 });
  const states: StateEvent[] = [];
  client.on('state', (e) => states.push(e));
  const sync = new BookSync(client, {
    precisions: new Map([
      ['BTC/USD', { price: 1, qty: 8 }],
      ['ETH/USD', { price: 2, qty: 4 }],
    ]),
  });
  const seen: { kind: keyof BookSyncEvents; symbol?: string; detail?: string }[] = [];
  sync.on('snapshot', (e) => seen.push({ kind: 'snapshot', symbol: e.symbol }));
  sync.on('update', (e) => seen.push({ kind: 'update', symbol: e.symbol }));
  sync.on('resync', (e) => seen.push({ kind: 'resync', symbol: e.symbol, detail: e.reason }));
  client.connect();
  const ws = FakeWebSocket.latest();
  ws.serverOpen();
  const subscribed = sync.subscribe(['BTC/USD', 'ETH/USD'], 10);
  ws.ackAll(ws.lastRequest('subscribe'));
  await subscribed;
  for (const [symbol, b] of Object.entries(BOOKS)) ws.serverSend(bookFrame('snapshot', symbol, b.asks, b.bids, bookChecksum(b.asks, b.bids)));
  return { client, sync, ws, seen, clock, states };
}

test('snapshots and updates with good checksums build verified books for each symbol', async () => {
  const { sync, ws, seen } = await setup();
  assert.deepEqual(seen, [{ kind: 'snapshot', symbol: 'BTC/USD' }, { kind: 'snapshot', symbol: 'ETH/USD' }]);
  const asks = [{ price: '30000.5', qty: '0.25000000' }, ...(BOOKS['BTC/USD']?.asks.slice(1) ?? [])];
  ws.serverSend(bookFrame('update', 'BTC/USD', [{ price: '30000.5', qty: '0.25000000' }], [], bookChecksum(asks, BOOKS['BTC/USD']?.bids ?? [])));
  assert.deepEqual(seen.at(-1), { kind: 'update', symbol: 'BTC/USD' });
  assert.deepEqual(sync.book('BTC/USD')?.bestAsk(), { price: '30000.5', qty: '0.25000000' });
  assert.equal(sync.book('ETH/USD')?.spread(), '0.20');
});

test('a bad checksum resyncs that symbol only: unsubscribe + subscribe it, others keep flowing', async () => {
  const { sync, ws, seen } = await setup();
  const before = ws.sent.length;
  ws.serverSend(bookFrame('update', 'BTC/USD', [{ price: '30000.5', qty: '9.00000000' }], [], 12345));
  assert.deepEqual(seen.at(-1), { kind: 'resync', symbol: 'BTC/USD', detail: 'checksum' });
  assert.equal(sync.book('BTC/USD'), undefined, 'the bad book is discarded');
  const unsub = ws.lastRequest('unsubscribe');
  assert.deepEqual(unsub.params, { channel: 'book', symbol: ['BTC/USD'], depth: 10 });
  assert.equal(ws.sent.length, before + 1, 'subscribe waits for the unsubscribe ack');

  const eth = BOOKS['ETH/USD'] as { asks: TextLevel[]; bids: TextLevel[] };
  const ethBids = [{ price: '1999.95', qty: '1.0000' }, ...eth.bids];
  ws.serverSend(bookFrame('update', 'ETH/USD', [], [{ price: '1999.95', qty: '1' }], bookChecksum(eth.asks, ethBids)));
  assert.deepEqual(seen.at(-1), { kind: 'update', symbol: 'ETH/USD' }, 'ETH is untouched');
  assert.equal(sync.book('ETH/USD')?.bestBid()?.price, '1999.95');

  ws.ackAll(unsub);
  await flush();
  const resub = ws.lastRequest('subscribe');
  assert.deepEqual(resub.params, { channel: 'book', symbol: ['BTC/USD'], depth: 10, snapshot: true });
  ws.ackAll(resub);
  ws.serverSend(bookFrame('update', 'BTC/USD', [{ price: '30000.0', qty: '1.00000000' }], [], 1));
  assert.equal(seen.filter((e) => e.kind === 'resync').length, 1, 'updates before the new snapshot are ignored');
  const btc = BOOKS['BTC/USD'] as { asks: TextLevel[]; bids: TextLevel[] };
  ws.serverSend(bookFrame('snapshot', 'BTC/USD', btc.asks, btc.bids, bookChecksum(btc.asks, btc.bids)));
  assert.deepEqual(seen.at(-1), { kind: 'snapshot', symbol: 'BTC/USD' });
  assert.equal(sync.book('BTC/USD')?.bestBid()?.price, '29999.5');
  assert.deepEqual(sync.status().map((s) => s.synced), [true, true]);
});

test('a crossed book triggers a resync of that symbol', async () => {
  const { ws, seen } = await setup();
  const eth = BOOKS['ETH/USD'] as { asks: TextLevel[]; bids: TextLevel[] };
  const bids = [{ price: '2000.10', qty: '1.0000' }, ...eth.bids];
  ws.serverSend(bookFrame('update', 'ETH/USD', [], [{ price: '2000.10', qty: '1.0000' }], bookChecksum(eth.asks, bids)));
  assert.deepEqual(seen.at(-1), { kind: 'resync', symbol: 'ETH/USD', detail: 'crossed' });
  assert.deepEqual(ws.lastRequest('unsubscribe').params, { channel: 'book', symbol: ['ETH/USD'], depth: 10 });
});

test('a reconnect discards every book until the resubscribe brings new snapshots', async () => {
  const { sync, ws, seen, clock, states } = await setup();
  ws.serverClose(1006);
  assert.equal(sync.book('BTC/USD'), undefined);
  assert.deepEqual(seen.slice(-2).map((e) => [e.kind, e.symbol, e.detail]), [
    ['resync', 'BTC/USD', 'reconnect'],
    ['resync', 'ETH/USD', 'reconnect'],
  ]);
  clock.advance(states.at(-1)?.retryInMs as number);
  const next = FakeWebSocket.latest();
  next.serverOpen();
  assert.deepEqual(next.lastRequest('subscribe').params, { channel: 'book', depth: 10, snapshot: true, symbol: ['BTC/USD', 'ETH/USD'] });
  const btc = BOOKS['BTC/USD'] as { asks: TextLevel[]; bids: TextLevel[] };
  next.serverSend(bookFrame('snapshot', 'BTC/USD', btc.asks, btc.bids, bookChecksum(btc.asks, btc.bids)));
  assert.ok(sync.book('BTC/USD'));
  assert.equal(sync.book('ETH/USD'), undefined);
});

test('precision comes from the instrument channel when not given', async () => {
  FakeWebSocket.reset();
  const clock = new FakeClock();
  const client = new KrakenWsClient({ url: 'wss://x/v2', WebSocket: FakeWebSocket, now: clock.now, timers: clock });
  const sync = new BookSync(client);
  client.connect();
  const ws = FakeWebSocket.latest();
  ws.serverOpen();
  ws.serverSend(
    '{"channel":"instrument","type":"snapshot","data":{"assets":[],"pairs":[{"symbol":"SOL/USD","base":"SOL","quote":"USD","status":"online",' +
      '"qty_precision":8,"qty_increment":0.00000001,"qty_min":0.02,"price_precision":2,"price_increment":0.01,"cost_precision":5,"cost_min":0.5,"marginable":false}]}}',
  );
  const done = sync.subscribe(['SOL/USD']);
  ws.ackAll(ws.lastRequest('subscribe'));
  await done;
  // JSON.parse-style numbers without trailing zeros: only the known precision can rebuild the checksum text
  const asks = [{ price: '150.10', qty: '2.00000000' }];
  const bids = [{ price: '150.00', qty: '1.50000000' }];
  ws.serverSend(`{"channel":"book","type":"snapshot","data":[{"symbol":"SOL/USD","asks":[{"price":150.1,"qty":2}],"bids":[{"price":150,"qty":1.5}],"checksum":${bookChecksum(asks, bids)}}]}`);
  assert.deepEqual(sync.book('SOL/USD')?.asks(), asks);
  sync.dispose();
});

test('unsubscribe stops tracking: the server is told, later frames for the symbol are ignored', async () => {
  const { sync, ws, seen } = await setup();
  const done = sync.unsubscribe(['ETH/USD', 'NOT/TRACKED']);
  const req = ws.lastRequest('unsubscribe');
  assert.deepEqual(req.params, { channel: 'book', symbol: ['ETH/USD'], depth: 10 });
  ws.ackAll(req);
  await done;
  const count = seen.length;
  ws.serverSend(bookFrame('update', 'ETH/USD', [], [], 1));
  assert.equal(seen.length, count);
  assert.equal(sync.book('ETH/USD'), undefined);
  assert.deepEqual(sync.status().map((s) => s.symbol), ['BTC/USD']);
  await assert.rejects(sync.subscribe(['BTC/USD'], 25), RangeError);
});
