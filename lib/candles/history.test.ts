import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HistoryCandle, PublicTrade } from '../kraken/types';
import { createHistoryLoader, OHLC_MAX_ROWS, type HistoryApi } from './history';

function candle(time: number): HistoryCandle {
  return { time, open: '1', high: '1', low: '1', close: '1', vwap: '1', volume: '1', count: 1 };
}

/** OHLC rows every minute ending at `newest`; a trade every 20 s from `firstTrade`. */
function fakeApi(rows: number, newest: number, firstTrade: number) {
  const calls = { ohlc: 0, trades: [] as (string | undefined)[] };
  const tape: PublicTrade[] = [];
  for (let t = firstTrade; t < newest; t += 20) tape.push({ time: t, price: '10', qty: '0.5', side: 'sell', orderType: 'market', misc: '', tradeId: tape.length });
  const api: HistoryApi = {
    async ohlc(pair, { interval }) {
      calls.ohlc++;
      const candles = Array.from({ length: rows }, (_, i) => candle(newest - (rows - 1 - i) * interval * 60));
      return { pairId: 'XXBTZUSD', symbol: pair, candles, last: newest - interval * 60 };
    },
    async trades(pair, { since = '0', count = 1000 }) {
      calls.trades.push(since);
      const sinceNs = BigInt(since) < 10_000_000_000n ? BigInt(since) * 1_000_000_000n : BigInt(since);
      const page = tape.filter((t) => BigInt(t.time) * 1_000_000_000n > sinceNs).slice(0, count);
      return { pairId: 'XXBTZUSD', symbol: pair, trades: page, last: page.length ? `${page.at(-1)?.time}000000000` : since };
    },
  };
  return { api, calls };
}

const request = { symbol: 'BTC/USD', pairDecimals: 1, interval: 1 as const };

describe('createHistoryLoader', () => {
  it('serves the OHLC window first and shares it between callers', async () => {
    const { api, calls } = fakeApi(OHLC_MAX_ROWS, 100_020, 0);
    const loader = createHistoryLoader(api, { now: () => 100_020_000 });
    const [a, b] = await Promise.all([loader.load(request), loader.load(request)]);
    assert.equal(a.candles.length, OHLC_MAX_ROWS);
    assert.equal(a.source, 'ohlc');
    assert.equal(a.complete, false);
    assert.equal(a.from, a.candles[0]?.time);
    assert.deepEqual(b, a);
    assert.equal(calls.ohlc, 1);
  });

  it('answers a before inside the window from OHLC', async () => {
    const { api } = fakeApi(OHLC_MAX_ROWS, 100_020, 0);
    const page = await createHistoryLoader(api).load({ ...request, before: 100_020 - 60 * 10 });
    assert.equal(page.source, 'ohlc');
    assert.equal(page.candles.length, OHLC_MAX_ROWS - 11);
    assert.ok(page.candles.every((c) => c.time < 100_020 - 600));
  });

  it('rebuilds older candles from trades, once per window', async () => {
    const newest = 100_020;
    const oldest = newest - (OHLC_MAX_ROWS - 1) * 60;
    const { api, calls } = fakeApi(OHLC_MAX_ROWS, newest, 0);
    const loader = createHistoryLoader(api, { targetCandles: 5 });
    const page = await loader.load({ ...request, before: oldest });
    assert.equal(page.source, 'trades');
    assert.deepEqual(page.candles.map((c) => c.time), [1, 2, 3, 4, 5].map((i) => oldest - (6 - i) * 60));
    assert.deepEqual(page.candles[0], { time: oldest - 300, open: '10', high: '10', low: '10', close: '10', vwap: '10.0', volume: '1.5', count: 3 });
    assert.equal(page.from, oldest - 300);
    assert.equal(page.complete, false);
    const tradeCalls = calls.trades.length;
    await loader.load({ ...request, before: oldest });
    assert.equal(calls.trades.length, tradeCalls, 'second request served from cache');
  });

  it('reports complete when no trades exist before the OHLC window', async () => {
    const newest = 100_020;
    const oldest = newest - (OHLC_MAX_ROWS - 1) * 60;
    const { api } = fakeApi(OHLC_MAX_ROWS, newest, newest - 300);
    const page = await createHistoryLoader(api).load({ ...request, before: oldest });
    assert.deepEqual(page, { candles: [], from: oldest, complete: true, source: 'trades' });
  });

  it('reports a young pair (fewer than 720 rows) as complete', async () => {
    const { api } = fakeApi(30, 100_020, 0);
    assert.equal((await createHistoryLoader(api).load(request)).complete, true);
  });
});
