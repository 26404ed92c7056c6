import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compareDecimalText, filterMarkets, sortMarkets, type MarketRow } from './market-row';

const row = (symbol: string, last: string, changePct: string, quoteVolume: string): MarketRow => ({
  symbol, slug: symbol.replace('/', '-'), base: symbol.split('/')[0]!, quote: 'USD', last, changePct,
  high: last, low: last, volume: '1', quoteVolume, pricePrecision: 2, qtyPrecision: 8,
});

test('compareDecimalText compares exactly, including signs and long fractions', () => {
  assert.equal(compareDecimalText('10', '9.999999999999999999'), 1);
  assert.equal(compareDecimalText('-1.5', '-1.40'), -1);
  assert.equal(compareDecimalText('0.10', '0.1'), 0);
  assert.equal(compareDecimalText('-0.0', '0'), 0);
  assert.equal(compareDecimalText('x', '1'), 1);
});

test('sortMarkets sorts numeric columns both ways with symbol tiebreak', () => {
  const rows = [row('ETH/USD', '3517', '-4.15', '9'), row('BTC/USD', '113900', '-1.39', '9'), row('XRP/USD', '3.009', '1.59', '5')];
  assert.deepEqual(sortMarkets(rows, 'last', 'desc').map((r) => r.symbol), ['BTC/USD', 'ETH/USD', 'XRP/USD']);
  assert.deepEqual(sortMarkets(rows, 'changePct', 'asc').map((r) => r.symbol), ['ETH/USD', 'BTC/USD', 'XRP/USD']);
  assert.deepEqual(sortMarkets(rows, 'quoteVolume', 'desc').map((r) => r.symbol), ['BTC/USD', 'ETH/USD', 'XRP/USD']);
  assert.deepEqual(sortMarkets(rows, 'symbol', 'asc').map((r) => r.symbol), ['BTC/USD', 'ETH/USD', 'XRP/USD']);
});

test('filterMarkets matches base prefixes and both symbol forms', () => {
  const rows = [row('BTC/USD', '1', '0', '1'), row('BCH/USD', '1', '0', '1'), row('ETH/USD', '1', '0', '1')];
  assert.deepEqual(filterMarkets(rows, 'b').map((r) => r.symbol), ['BTC/USD', 'BCH/USD']);
  assert.deepEqual(filterMarkets(rows, 'eth-usd').map((r) => r.symbol), ['ETH/USD']);
  assert.equal(filterMarkets(rows, '  ').length, 3);
});
