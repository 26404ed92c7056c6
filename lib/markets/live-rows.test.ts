import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Loadable } from '@/lib/feed/loadable';
import type { TickerValue } from '@/lib/feed/ticker-store';
import type { MarketRow } from './market-row';
import { withLiveTickers } from './live-rows';

const row: MarketRow = {
  symbol: 'BTC/USD', slug: 'BTC-USD', base: 'BTC', quote: 'USD', last: '100.0', changePct: '1.00', high: '110.0',
  low: '90.0', volume: '2', quoteVolume: '200', pricePrecision: 1, qtyPrecision: 8,
};
const ticker: TickerValue = {
  bid: '101.0', bidQty: '1', ask: '101.2', askQty: '1', last: '101.1', volume: '3.5', vwap: '100.5', low: '89.0',
  high: '111.0', change: '-1.5', changePct: '-1.46',
};

test('live tickers replace the first-paint figures and value volume exactly', () => {
  const [live] = withLiveTickers([row], new Map<string, Loadable<TickerValue>>([['BTC/USD', { status: 'live', data: ticker }]]));
  assert.equal(live?.last, '101.1');
  assert.equal(live?.changePct, '-1.46');
  assert.equal(live?.quoteVolume, '352');
  assert.equal(live?.live, 'live');
});

test('rows without a live ticker keep their values and say why', () => {
  const stale = withLiveTickers([row], new Map<string, Loadable<TickerValue>>([['BTC/USD', { status: 'stale', data: ticker }]]));
  assert.equal(stale[0]?.live, 'stale');
  assert.equal(stale[0]?.last, '101.1');
  const loading = withLiveTickers([row], new Map());
  assert.equal(loading[0]?.live, 'loading');
  assert.equal(loading[0]?.last, '100.0');
});
