import assert from 'node:assert/strict';
import { test } from 'node:test';
import { bollinger, heikinAshi, macd, rsi, sma, vwap } from './studies';

const near = (actual: number | undefined, expected: number, digits = 2) => {
  assert.ok(actual !== undefined, `expected ${expected}, got undefined`);
  assert.ok(Math.abs(actual - expected) <= 0.5 * 10 ** -digits, `${actual} ≉ ${expected}`);
};

// Wilder's worked example (New Concepts in Technical Trading Systems; the StockCharts RSI table)
const CLOSES = [44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.1, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28, 46.28, 46.0, 46.03, 46.41, 46.22, 45.64, 46.21];

test('RSI 14 matches the published example', () => {
  const r = rsi(CLOSES, 14);
  assert.equal(r[13], undefined);
  near(r[14], 70.46);
  near(r[15], 66.25);
  near(r[16], 66.48);
  near(r[20], 62.88);
  assert.deepEqual(rsi([1, 1, 1, 1], 3).slice(3), [50]);
  assert.deepEqual(rsi([1, 2, 3, 4], 3).slice(3), [100]);
});

test('Bollinger bands: SMA ± 2 population standard deviations', () => {
  const b = bollinger([2, 4, 4, 4, 5, 5, 7, 9], 8, 2);
  // mean 5, population sd 2
  near(b.middle[7], 5);
  near(b.upper[7], 9);
  near(b.lower[7], 1);
  assert.equal(b.upper[6], undefined);
});

test('VWAP weights the typical price by volume, cumulatively', () => {
  const v = vwap([
    { time: 1, open: 0, high: 12, low: 8, close: 10, volume: 1 },
    { time: 2, open: 0, high: 22, low: 18, close: 20, volume: 3 },
    { time: 3, open: 0, high: 1, low: 1, close: 1, volume: 0 },
  ]);
  near(v[0], 10);
  near(v[1], 17.5);
  near(v[2], 17.5);
  assert.deepEqual(vwap([{ time: 1, open: 1, high: 1, low: 1, close: 1, volume: 0 }]), [undefined]);
});

test('MACD of a straight line converges to the slope times the EMA lag difference, histogram to zero', () => {
  const line = Array.from({ length: 200 }, (_, i) => 100 + i);
  const m = macd(line);
  assert.equal(m.macd[24], undefined);
  assert.notEqual(m.macd[25], undefined);
  assert.equal(m.signal[32], undefined);
  assert.notEqual(m.signal[33], undefined);
  // EMA lag of a ramp is (n−1)/2: (26−1)/2 − (12−1)/2 = 7
  near(m.macd[199], 7, 4);
  near(m.histogram[199], 0, 4);
  assert.deepEqual(sma([1, 2, 3], 2), [undefined, 1.5, 2.5]);
});

test('Heikin-Ashi bars average the candle and the previous HA body', () => {
  const ha = heikinAshi([
    { time: 1, open: 10, high: 12, low: 9, close: 11, volume: 1 },
    { time: 2, open: 11, high: 14, low: 10, close: 13, volume: 1 },
  ]);
  assert.deepEqual(ha[0], { time: 1, open: 10.5, high: 12, low: 9, close: 10.5, volume: 1 });
  assert.deepEqual(ha[1], { time: 2, open: 10.5, high: 14, low: 10, close: 12, volume: 1 });
});
