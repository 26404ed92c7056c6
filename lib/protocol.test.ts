import { test } from 'node:test';
import assert from 'node:assert/strict';
import { clientMessage, serverMessage, subscriptionKey } from './protocol';

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
