import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PublicTrade, TradesPage } from '../kraken/types';
import { backfillFromTrades, type FetchTrades } from './trade-backfill';

/** A Trades endpoint over a fixed tape: trades after the ns cursor, `pageSize` at a time, `last` = newest ns. */
function fakeTrades(times: number[], pageSize: number) {
  const tape: PublicTrade[] = times.map((time, i) => ({ time, price: `${100 + (i % 7)}`, qty: '1', side: 'buy', orderType: 'limit', misc: '', tradeId: i + 1 }));
  const calls: string[] = [];
  const fetchTrades: FetchTrades = async (sinceNs) => {
    calls.push(sinceNs);
    const since = BigInt(sinceNs);
    const page = tape.filter((t) => BigInt(Math.round(t.time * 1e9)) > since).slice(0, pageSize);
    const newest = page.at(-1);
    const last = newest ? String(BigInt(Math.round(newest.time * 1e9))) : sinceNs;
    return { pairId: 'XXBTZUSD', symbol: 'BTC/USD', trades: page, last } satisfies TradesPage;
  };
  return { fetchTrades, calls };
}

const base = { intervalSec: 60, vwapDecimals: 1, maxPages: 4, targetCandles: 10 };

describe('backfillFromTrades', () => {
  it('rebuilds the window ending at before from its start, paging forward', async () => {
    // one trade every 20 s from t=0 to t=1200
    const times = Array.from({ length: 61 }, (_, i) => i * 20);
    const { fetchTrades, calls } = fakeTrades(times, 15);
    const page = await backfillFromTrades(fetchTrades, { ...base, before: 1200, firstTradeTime: 0 });
    assert.equal(page.from, 600);
    assert.deepEqual(page.candles.map((c) => c.time), [600, 660, 720, 780, 840, 900, 960, 1020, 1080, 1140]);
    assert.ok(page.candles.every((c) => c.count === 3), 'every candle has its three trades');
    assert.equal(page.complete, false);
    assert.equal(calls[0], '599999999999');
    assert.ok(calls.length <= 4);
  });

  it('marks the page complete when it reaches the first trade', async () => {
    const times = [130, 140, 200, 250];
    const { fetchTrades } = fakeTrades(times, 100);
    const page = await backfillFromTrades(fetchTrades, { ...base, before: 300, firstTradeTime: 130 });
    assert.equal(page.from, 120);
    assert.deepEqual(page.candles.map((c) => [c.time, c.count]), [[120, 2], [180, 1], [240, 1]]);
    assert.equal(page.complete, true);
  });

  it('answers complete without calling Kraken when before is at or before the first trade', async () => {
    const { fetchTrades, calls } = fakeTrades([500], 100);
    assert.deepEqual(await backfillFromTrades(fetchTrades, { ...base, before: 480, firstTradeTime: 500 }), { candles: [], from: 480, complete: true });
    assert.deepEqual(await backfillFromTrades(fetchTrades, { ...base, before: 480, firstTradeTime: undefined }), { candles: [], from: 480, complete: true });
    assert.equal(calls.length, 0);
  });

  it('moves back across a window without trades', async () => {
    const { fetchTrades } = fakeTrades([10, 5000], 100);
    const page = await backfillFromTrades(fetchTrades, { ...base, before: 3000, firstTradeTime: 10 });
    assert.deepEqual(page, { candles: [], from: 2400, complete: false });
  });

  it('re-aims a busy window so the candles end at before without a hole', async () => {
    // 2 trades per second for 20 minutes; 50 trades (25 s) per page, 4 pages cannot cover 10 candles of 30 s
    const times = Array.from({ length: 2600 }, (_, i) => i / 2);
    const { fetchTrades, calls } = fakeTrades(times, 50);
    const page = await backfillFromTrades(fetchTrades, { ...base, before: 1200, firstTradeTime: 0, intervalSec: 30 });
    assert.ok(calls.length <= 4, `${calls.length} calls`);
    assert.ok(page.candles.length >= 1);
    assert.equal(page.candles.at(-1)?.time, 1170, 'the newest candle is the one just before `before`');
    assert.equal(page.from, page.candles[0]?.time);
    assert.ok(page.candles.every((c) => c.count === 60), 'rebuilt candles are whole');
  });

  it('gives up with a note when even one candle needs more pages than allowed', async () => {
    const times = Array.from({ length: 12000 }, (_, i) => i / 10);
    const { fetchTrades, calls } = fakeTrades(times, 50);
    const page = await backfillFromTrades(fetchTrades, { ...base, before: 1200, firstTradeTime: 0, intervalSec: 600, maxPages: 3 });
    assert.equal(calls.length, 3);
    assert.deepEqual(page.candles, []);
    assert.equal(page.complete, true);
    assert.match(page.note ?? '', /trades too often/);
  });
});
