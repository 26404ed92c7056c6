import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientMessage, parseServerMessage, serverMessage, subscriptionKey } from './protocol';

test('clientMessage accepts the documented browser frames and fills defaults', () => {
  assert.deepEqual(clientMessage.parse({ op: 'subscribe', channel: 'book', symbol: 'BTC/USD' }), {
    op: 'subscribe', channel: 'book', symbol: 'BTC/USD', depth: 10,
  });
  assert.equal(clientMessage.parse({ op: 'subscribe', channel: 'ohlc', symbol: 'ETH/USD', interval: 60 }).op, 'subscribe');
  assert.deepEqual(clientMessage.parse({ op: 'subscribe', channel: 'executions' }), { op: 'subscribe', channel: 'executions' });
  assert.equal(clientMessage.parse({ op: 'ping', id: 3 }).op, 'ping');
});

test('clientMessage rejects unknown ops, bad symbols, depths and extra fields', () => {
  for (const bad of [
    { op: 'subscribe', channel: 'book', symbol: 'btc/usd' },
    { op: 'subscribe', channel: 'book', symbol: 'BTC/USD', depth: 11 },
    { op: 'subscribe', channel: 'ohlc', symbol: 'BTC/USD', interval: 2 },
    { op: 'subscribe', channel: 'trade', symbol: 'BTC/USD', depth: 10 },
    { op: 'subscribe', channel: 'level3', symbol: 'BTC/USD' },
    { op: 'drop-table' },
    { op: 'subscribe', channel: 'ticker' },
  ]) {
    assert.equal(clientMessage.safeParse(bad).success, false, JSON.stringify(bad));
  }
});

test('serverMessage validates a book snapshot and a status frame', () => {
  const book = {
    type: 'snapshot', channel: 'book', symbol: 'BTC/USD', depth: 10,
    data: { bids: [['100.0', '1.00000000']], asks: [['100.1', '0.50000000']], checksum: 1, pricePrecision: 1, qtyPrecision: 8 },
  };
  assert.equal(serverMessage.safeParse(book).success, true);
  assert.equal(serverMessage.safeParse({ type: 'status', feed: 'stale' }).success, true);
  assert.equal(serverMessage.safeParse({ type: 'status', feed: 'asleep' }).success, false);
});

test('subscriptionKey separates depths and intervals', () => {
  assert.equal(subscriptionKey({ channel: 'book', symbol: 'BTC/USD', depth: 25 }), 'book:BTC/USD:25');
  assert.equal(subscriptionKey({ channel: 'ohlc', symbol: 'BTC/USD', interval: 60 }), 'ohlc:BTC/USD:60');
  assert.equal(subscriptionKey({ channel: 'trade', symbol: 'BTC/USD' }), 'trade:BTC/USD');
  assert.equal(subscriptionKey({ channel: 'balances' }), 'balances');
});

const level = ['64000.1', '0.5'];
const bookData = { bids: [level], asks: [['64000.2', '0.25']], checksum: 1, pricePrecision: 1, qtyPrecision: 8 };
const ticker = { bid: '1', bidQty: '1', ask: '2', askQty: '1', last: '1.5', volume: '9', vwap: '1.4', low: '1', high: '2', change: '0.1', changePct: '7' };
const candle = { time: 60, open: '1', high: '2', low: '1', close: '2', vwap: '1.5', volume: '3', trades: 4 };

/** Valid frames of every option, and frames each wrong in one way. */
const FRAMES: unknown[] = [
  { type: 'snapshot', channel: 'book', symbol: 'BTC/USD', depth: 10, data: bookData },
  { type: 'update', channel: 'book', symbol: 'BTC/USD', depth: 25, data: bookData },
  { type: 'update', channel: 'trade', symbol: 'BTC/USD', data: [{ id: 1, price: '1', qty: '2', side: 'buy', time: 5 }] },
  { type: 'snapshot', channel: 'ohlc', symbol: 'BTC/USD', interval: 60, data: [candle] },
  { type: 'update', channel: 'ticker', symbol: 'BTC/USD', data: ticker },
  { type: 'private', channel: 'executions', kind: 'update', data: [{ anything: true }] },
  { type: 'status', feed: 'live', symbol: 'BTC/USD' },
  { type: 'status', feed: 'stale', account: true },
  { type: 'error', code: 'x', message: 'y' },
  { type: 'pong', id: 3 },
  { type: 'update', channel: 'book', symbol: 'BTC/USD', depth: 11, data: bookData },
  { type: 'update', channel: 'book', symbol: 'BTC/USD', depth: 10, data: { ...bookData, checksum: -1 } },
  { type: 'update', channel: 'ticker', symbol: 'BTC/USD', data: bookData },
  { type: 'update', channel: 'nope', symbol: 'BTC/USD', data: ticker },
  { type: 'private', channel: 'book', data: [] },
  { type: 'status', feed: 'sleepy' },
  { type: 'hello' },
  { channel: 'book' },
  null,
  'text',
  42,
  [],
];

test('parseServerMessage gives the answer of serverMessage for every option and every kind of wrong frame', () => {
  for (const frame of FRAMES) {
    const expected = serverMessage.safeParse(frame);
    const actual = parseServerMessage(frame);
    assert.equal(actual.success, expected.success, JSON.stringify(frame));
    if (actual.success && expected.success) assert.deepEqual(actual.data, expected.data);
  }
  assert.equal(FRAMES.filter((f) => parseServerMessage(f).success).length, 10);
});

test('book frames checked by hand get exactly the answers of the zod schema, over many wrong and right variations', () => {
  const base = { type: 'update', channel: 'book', symbol: 'BTC/USD', depth: 10, data: bookData, extra: 'dropped' };
  const variations: [string, unknown][] = [
    ['type', 'snapshot'], ['type', 'status'], ['symbol', 'btc/usd'], ['symbol', 7], ['depth', 1000], ['depth', 11], ['depth', '10'],
    ['data', null], ['data', []], ['data', { ...bookData, bids: [['1', '2', '3']] }], ['data', { ...bookData, asks: [['1']] }],
    ['data', { ...bookData, asks: [[1, '2']] }], ['data', { ...bookData, bids: [['1.', '2']] }], ['data', { ...bookData, bids: [['-1', '2']] }],
    ['data', { ...bookData, bids: 'x' }], ['data', { ...bookData, checksum: 1.5 }], ['data', { ...bookData, checksum: -1 }],
    ['data', { ...bookData, pricePrecision: undefined }], ['data', { ...bookData, qtyPrecision: '8' }], ['data', { ...bookData, extra: 1 }],
    ['data', { ...bookData, bids: [], asks: [] }], ['data', { ...bookData, checksum: 2 ** 32 }],
  ];
  for (const [key, value] of variations) {
    const frame = { ...base, [key]: value };
    const expected = serverMessage.safeParse(frame);
    const actual = parseServerMessage(frame);
    assert.equal(actual.success, expected.success, `${key}: ${JSON.stringify(value)}`);
    if (actual.success && expected.success) assert.deepEqual(actual.data, expected.data, `${key}: ${JSON.stringify(value)}`);
  }
});
