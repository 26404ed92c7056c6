import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { HistoryCandle } from '../../../lib/kraken/types';
import { PAIRS } from '../markets';
import { olderDay } from './history';

const pair = PAIRS.find((p) => p.symbol === 'BTC/USD')!;
const candle = (time: number): HistoryCandle => ({ time, open: '100.0', high: '101.0', low: '99.0', close: '100.5', vwap: '100.2', volume: '1.5', count: 3 });

describe('olderDay (the ticker day before the 720 minutes)', () => {
  it('keeps the whole 5-minute candles that end by the first minute and reach into the last 24 h', () => {
    const now = 1_800_000_000 + 37; // 2027-01-15T08:00:37Z
    const minute = Math.floor(now / 60) * 60;
    const firstMinute = minute - 719 * 60;
    const from = minute - 86_400;
    const fives = [];
    for (let t = Math.floor((from - 600) / 300) * 300; t < minute; t += 300) fives.push(candle(t));
    const kept = olderDay(pair, fives, firstMinute, now);
    assert.ok(kept.length > 0);
    for (const c of kept) {
      assert.ok(c.time + 300 <= firstMinute, 'never overlaps the minutes');
      assert.ok(c.time + 300 > from, 'inside the 24 h window');
    }
    // every candle that qualifies is there, oldest first
    assert.equal(kept.length, fives.filter((c) => c.time + 300 <= firstMinute && c.time + 300 > from).length);
    assert.deepEqual(kept.map((c) => c.time), [...kept.map((c) => c.time)].sort((a, b) => a - b));
    // the candle the first minute falls inside is left out: at most 4 minutes missing at the seam
    assert.ok(firstMinute - (kept.at(-1)!.time + 300) < 300);
    assert.deepEqual(kept[0], { time: kept[0]!.time, open: 1000, high: 1010, low: 990, close: 1005, volume: 150_000_000, cost: 1002 * 150_000_000, count: 3 });
  });
});
