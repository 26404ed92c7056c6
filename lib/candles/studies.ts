/**
 * Chart studies over whole series (oldest first): VWAP, Bollinger bands, RSI, MACD, and Heikin-Ashi
 * bars. Pure and float-based like indicators.ts: drawn, never traded on. Each returns one entry per
 * input bar, `undefined` where the study has too few bars yet, so outputs line up with their inputs.
 */
import { createEma, createSma } from './indicators';

export interface OhlcvBar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
}

type Series = (number | undefined)[];

const run = (make: () => { push(t: number, v: number): number | undefined }, values: readonly number[]): Series => {
  const ind = make();
  return values.map((v, i) => ind.push(i, v));
};

export const sma = (values: readonly number[], period: number): Series => run(() => createSma(period), values);
export const ema = (values: readonly number[], period: number): Series => run(() => createEma(period), values);

/** Volume-weighted average of the typical price (H+L+C)/3, cumulated from the first bar shown. */
export function vwap(bars: readonly OhlcvBar[]): Series {
  let pv = 0;
  let v = 0;
  return bars.map((b) => {
    pv += ((b.high + b.low + b.close) / 3) * b.volume;
    v += b.volume;
    return v > 0 ? pv / v : undefined;
  });
}

export interface Bands {
  middle: Series;
  upper: Series;
  lower: Series;
}

/** Bollinger bands: SMA(period) ± k population standard deviations over the same window. */
export function bollinger(values: readonly number[], period = 20, k = 2): Bands {
  const middle = sma(values, period);
  const upper: Series = [];
  const lower: Series = [];
  values.forEach((_, i) => {
    const m = middle[i];
    if (m === undefined) {
      upper.push(undefined);
      lower.push(undefined);
      return;
    }
    let sq = 0;
    for (let j = i + 1 - period; j <= i; j++) sq += (values[j]! - m) ** 2;
    const sd = Math.sqrt(sq / period);
    upper.push(m + k * sd);
    lower.push(m - k * sd);
  });
  return { middle, upper, lower };
}

/** Wilder's RSI: average gain and loss seeded by their simple mean over `period` changes, then smoothed. */
export function rsi(values: readonly number[], period = 14): Series {
  const out: Series = values.map(() => undefined);
  let gain = 0;
  let loss = 0;
  for (let i = 1; i < values.length; i++) {
    const change = values[i]! - values[i - 1]!;
    const up = Math.max(change, 0);
    const down = Math.max(-change, 0);
    if (i <= period) {
      gain += up / period;
      loss += down / period;
      if (i < period) continue;
    } else {
      gain = (gain * (period - 1) + up) / period;
      loss = (loss * (period - 1) + down) / period;
    }
    out[i] = loss === 0 ? (gain === 0 ? 50 : 100) : 100 - 100 / (1 + gain / loss);
  }
  return out;
}

export interface Macd {
  macd: Series;
  signal: Series;
  histogram: Series;
}

/** MACD: EMA(fast) − EMA(slow), its EMA(signal), and their difference. */
export function macd(values: readonly number[], fast = 12, slow = 26, signalPeriod = 9): Macd {
  const f = ema(values, fast);
  const s = ema(values, slow);
  const line: Series = values.map((_, i) => (f[i] !== undefined && s[i] !== undefined ? f[i]! - s[i]! : undefined));
  const start = line.findIndex((v) => v !== undefined);
  const signal: Series = values.map(() => undefined);
  if (start >= 0) {
    const sig = ema(line.slice(start) as number[], signalPeriod);
    sig.forEach((v, j) => (signal[start + j] = v));
  }
  const histogram: Series = line.map((m, i) => (m !== undefined && signal[i] !== undefined ? m - signal[i]! : undefined));
  return { macd: line, signal, histogram };
}

/** Heikin-Ashi bars: averaged candles that show the trend with less noise. */
export function heikinAshi<T extends OhlcvBar>(bars: readonly T[]): T[] {
  const out: T[] = [];
  bars.forEach((b, i) => {
    const close = (b.open + b.high + b.low + b.close) / 4;
    const prev = out[i - 1];
    const open = prev ? (prev.open + prev.close) / 2 : (b.open + b.close) / 2;
    out.push({ ...b, open, close, high: Math.max(b.high, open, close), low: Math.min(b.low, open, close) });
  });
  return out;
}
