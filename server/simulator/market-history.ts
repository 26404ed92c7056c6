/**
 * Synthetic candle history generated backwards from the seed price, so that at start the last price is
 * the seed price and the price 24 h ago makes the 24 h change equal the seed change.
 * The last 24 h come from one minute path (a Brownian bridge, `minutePath`); every longer interval aggregates
 * it where it reaches (`intervalHistory`), so the 1 m, 5 m … 1 d candles agree. Older candles are a backwards
 * random walk per interval.
 */
import type { Candle, Interval } from './candles';
import { rngFor, type Rng } from './prng';

export interface HistoryInput {
  seed: number;
  pairId: string;
  /** seed last price, ticks */
  price: number;
  /** seed 24 h change, percent */
  changePct: number;
  /** daily volatility of log price, e.g. 0.03 */
  dailyVol: number;
  /** mean traded base volume per minute, lots */
  volumePerMinute: number;
  /** mean size of one trade, lots */
  tradeSize: number;
  nowMs: number;
}

/** Candles kept per interval at start: 720 committed + the open one (1 m keeps a full day for the ticker). */
export const HISTORY_LENGTH = 720;
export const MINUTES_PER_DAY = 1440;

function wick(rng: Rng, open: number, close: number, sigma: number): { high: number; low: number } {
  const high = Math.round(Math.max(open, close) * (1 + Math.abs(rng.normal()) * sigma * 0.6));
  const low = Math.round(Math.min(open, close) * (1 - Math.abs(rng.normal()) * sigma * 0.6));
  return { high: Math.max(high, open, close), low: Math.max(1, Math.min(low, open, close)) };
}

function volumeFor(rng: Rng, input: HistoryInput, minutes: number): { volume: number; count: number } {
  const volume = Math.max(1, Math.round(input.volumePerMinute * minutes * Math.exp(rng.normal() * 0.45 - 0.1)));
  const count = Math.max(1, Math.round(volume / Math.max(1, input.tradeSize)));
  return { volume, count };
}

/** 1440 committed minutes ending at the current minute, plus the open current minute at the seed price. */
export function minutePath(input: HistoryInput): Candle[] {
  const rng = rngFor(input.seed, `history:${input.pairId}:1`);
  const nowMinute = Math.floor(input.nowMs / 60000) * 60;
  const open24 = Math.max(1, Math.round(input.price / (1 + input.changePct / 100)));
  const sigma = input.dailyVol / Math.sqrt(MINUTES_PER_DAY);
  // random walk, then bent into a bridge from log(open24) to log(price)
  const walk = [0];
  for (let k = 1; k <= MINUTES_PER_DAY; k++) walk.push((walk[k - 1] as number) + sigma * rng.normal());
  const from = Math.log(open24);
  const gap = Math.log(input.price) - from - (walk[MINUTES_PER_DAY] as number);
  const logAt = (k: number) => from + (walk[k] as number) + (gap * k) / MINUTES_PER_DAY;
  const candles: Candle[] = [];
  let prevClose = open24;
  for (let k = 0; k < MINUTES_PER_DAY; k++) {
    const open = prevClose;
    const close = k === MINUTES_PER_DAY - 1 ? input.price : Math.max(1, Math.round(Math.exp(logAt(k + 1))));
    const { high, low } = wick(rng, open, close, sigma);
    const { volume, count } = volumeFor(rng, input, 1);
    const time = nowMinute - (MINUTES_PER_DAY - k) * 60;
    candles.push({ time, open, high, low, close, volume, cost: volume * ((open + high + low + close) / 4), count });
    prevClose = close;
  }
  const p = input.price;
  candles.push({ time: nowMinute, open: p, high: p, low: p, close: p, volume: 0, cost: 0, count: 0 });
  return candles;
}

/**
 * Candles of `interval` minutes as of `input.nowMs`: aggregated from the minute path where it reaches,
 * random walk before. Each interval has its own random stream, so building one later gives the same candles.
 */
export function intervalHistory(input: HistoryInput, minutes: Candle[], interval: Interval): Candle[] {
  const seconds = interval * 60;
  const nowSec = Math.floor(input.nowMs / 1000);
  const currentStart = Math.floor(nowSec / seconds) * seconds;
  const firstMinute = (minutes[0] as Candle).time;
  const newer: Candle[] = [];
  for (let start = currentStart; newer.length <= HISTORY_LENGTH && start + seconds > firstMinute; start -= seconds) {
    // minutes are contiguous, so the candle's minutes are one slice
    const from = Math.max(0, (start - firstMinute) / 60);
    const parts = minutes.slice(from, Math.max(from, (start + seconds - firstMinute) / 60));
    if (parts.length === 0) break;
    newer.push(merge(start, parts));
  }
  newer.reverse();
  const rng = rngFor(input.seed, `history:${input.pairId}:${interval}`);
  const sigma = input.dailyVol * Math.sqrt(interval / MINUTES_PER_DAY);
  const older: Candle[] = [];
  let nextOpen = (newer[0] as Candle).open;
  let start = (newer[0] as Candle).time - seconds;
  while (older.length + newer.length < HISTORY_LENGTH + 1) {
    const close = nextOpen;
    // mild mean reversion keeps 30 years of 15-day candles from drifting to absurd prices
    const pull = Math.log(input.price / close) * 0.02;
    const open = Math.max(1, Math.round(close * Math.exp(sigma * rng.normal() + pull)));
    const { high, low } = wick(rng, open, close, sigma);
    const { volume, count } = volumeFor(rng, input, interval);
    older.push({ time: start, open, high, low, close, volume, cost: volume * ((open + high + low + close) / 4), count });
    nextOpen = open;
    start -= seconds;
  }
  older.reverse();
  return [...older, ...newer];
}

function merge(time: number, parts: Candle[]): Candle {
  const first = parts[0] as Candle;
  const last = parts[parts.length - 1] as Candle;
  const c: Candle = { time, open: first.open, high: first.high, low: first.low, close: last.close, volume: 0, cost: 0, count: 0 };
  for (const m of parts) {
    c.high = Math.max(c.high, m.high);
    c.low = Math.min(c.low, m.low);
    c.volume += m.volume;
    c.cost += m.cost;
    c.count += m.count;
  }
  return c;
}
