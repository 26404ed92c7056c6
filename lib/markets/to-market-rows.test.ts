import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { AssetPair, Ticker } from '@/lib/kraken/types';
import { toMarketRows } from './to-market-rows';

const pair = (symbol: string, quoteCode = 'USD'): AssetPair => ({
  pairId: symbol.replace('/', ''), altname: symbol.replace('/', ''), wsname: symbol, symbol,
  base: symbol.split('/')[0]!, quote: quoteCode, baseCode: symbol.split('/')[0]!, quoteCode,
  pairDecimals: 1, lotDecimals: 8, costDecimals: 5, tickSize: '0.1', ordermin: '0.0001', costmin: '0.5',
  status: 'online', feesTaker: [], feesMaker: [],
});
const ticker = (symbol: string, last: string): Ticker =>
  ({
    pairId: symbol.replace('/', ''), symbol, ask: last, bid: last, last, open: '100', high24h: '120.5', low24h: '90.1',
    volume24h: '12.5', vwap24h: '101.25', trades24h: 7, changePct24h: '-1.39',
  }) as Ticker;

test('toMarketRows joins pairs with tickers, keeps USD pairs and values volume in quote exactly', () => {
  const rows = toMarketRows([pair('BTC/USD'), pair('ETH/EUR', 'EUR'), pair('SOL/USD')], [ticker('BTC/USD', '113900.1'), ticker('ETH/EUR', '1')]);
  assert.equal(rows.length, 1);
  const [btc] = rows;
  assert.equal(btc?.slug, 'BTC-USD');
  assert.equal(btc?.last, '113900.1');
  assert.equal(btc?.changePct, '-1.39');
  assert.equal(btc?.quoteVolume, '1266');
  assert.equal(btc?.pricePrecision, 1);
});
