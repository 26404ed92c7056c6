import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { codeForName, pairSlug, resolvePairSegment, searchPairs, type PairNames } from './pair-search';

const PAIRS: PairNames[] = [
  { symbol: 'ETH/USD', altname: 'ETHUSD', wsname: 'ETH/USD', base: 'ETH', quote: 'USD' },
  { symbol: 'BTC/USD', altname: 'XBTUSD', wsname: 'XBT/USD', base: 'BTC', quote: 'USD' },
  { symbol: 'BTC/EUR', altname: 'XBTEUR', wsname: 'XBT/EUR', base: 'BTC', quote: 'EUR' },
  { symbol: 'DOGE/USD', altname: 'XDGUSD', wsname: 'XDG/USD', base: 'DOGE', quote: 'USD' },
  { symbol: 'SOL/USD', altname: 'SOLUSD', wsname: 'SOL/USD', base: 'SOL', quote: 'USD' },
  { symbol: 'USDT/USD', altname: 'USDTZUSD', wsname: 'USDT/USD', base: 'USDT', quote: 'USD' },
];
const symbols = (query: string) => searchPairs(PAIRS, query).map((p) => p.symbol);

test('bitcoin, xbt, btc and XBT/USD all find BTC/USD first among the BTC pairs', () => {
  for (const q of ['bitcoin', 'Bitcoin ', 'xbt', 'btc', 'BTC']) assert.deepEqual(symbols(q), ['BTC/USD', 'BTC/EUR'], q);
  assert.equal(symbols('XBT/USD')[0], 'BTC/USD');
  assert.equal(symbols('xbtusd')[0], 'BTC/USD');
  assert.equal(symbols('btc-usd')[0], 'BTC/USD');
});

test('a prefix of a common name or code narrows the list, an exact name comes first', () => {
  assert.deepEqual(symbols('bitc'), ['BTC/USD', 'BTC/EUR']);
  assert.deepEqual(symbols('dog'), ['DOGE/USD']);
  assert.deepEqual(symbols('xdg'), ['DOGE/USD']);
  assert.equal(symbols('usd')[0], 'USDT/USD');
  assert.deepEqual(symbols('eur'), ['BTC/EUR']);
  assert.deepEqual(symbols('nothing-like-this'), []);
  assert.equal(symbols('').length, PAIRS.length);
});

test('codeForName knows everyday names only', () => {
  assert.equal(codeForName('Ethereum'), 'ETH');
  assert.equal(codeForName('usd  coin'), 'USDC');
  assert.equal(codeForName('btc'), undefined);
});

test('resolvePairSegment resolves every spelling of a pair to it, and nothing else', () => {
  for (const s of ['BTC-USD', 'btc-usd', 'BTC%2FUSD', 'XBTUSD', 'xbt-usd', 'XBT%2FUSD', 'btcusd']) {
    assert.equal(resolvePairSegment(PAIRS, s)?.symbol, 'BTC/USD', s);
  }
  assert.equal(resolvePairSegment(PAIRS, 'xdg-usd')?.symbol, 'DOGE/USD');
  assert.equal(resolvePairSegment(PAIRS, 'BTC'), undefined);
  assert.equal(resolvePairSegment(PAIRS, 'BTC-GBP'), undefined);
  assert.equal(resolvePairSegment(PAIRS, '%E0%A4%A'), undefined);
  assert.equal(resolvePairSegment(PAIRS, 'bitcoin'), undefined);
  assert.equal(pairSlug('BTC/USD'), 'BTC-USD');
});
