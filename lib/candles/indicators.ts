/**
 * Moving averages for chart overlays, computed incrementally so a live candle costs O(1) per update.
 * Floats are fine here: these values are only drawn, never traded on; closes are converted at the edge.
 */

/** The overlays the price chart offers: SMA 20 and EMA 50. */
export const SMA_PERIOD = 20;
export const EMA_PERIOD = 50;

export interface IndicatorPoint {
  /** bar time, Unix seconds */
  time: number;
  value: number;
}

export interface IncrementalIndicator {
  /**
   * Adds a bar, or replaces the newest one when `time` equals its time (the open candle changing).
   * Returns the value at that bar, or undefined while fewer than `period` bars are known.
   * Throws RangeError for a time older than the newest bar: recompute from the full history instead.
   */
  push(time: number, value: number): number | undefined;
}

function checkPeriod(period: number): void {
  if (!Number.isInteger(period) || period < 1) throw new RangeError(`period must be a positive integer, got ${period}`);
}

function checkOrder(lastTime: number | undefined, time: number): boolean {
  if (lastTime !== undefined && time < lastTime) throw new RangeError(`bar ${time} is older than the newest bar ${lastTime}`);
  return lastTime === time;
}

/** Simple moving average of the last `period` values (a running sum over a window). */
export function createSma(period: number): IncrementalIndicator {
  checkPeriod(period);
  const window: number[] = [];
  let sum = 0;
  let lastTime: number | undefined;
  return {
    push(time, value) {
      if (checkOrder(lastTime, time)) {
        sum -= window.pop() ?? 0;
      } else if (window.length === period) {
        sum -= window.shift() ?? 0;
      }
      window.push(value);
      sum += value;
      lastTime = time;
      return window.length === period ? sum / period : undefined;
    },
  };
}

/**
 * Exponential moving average with k = 2 / (period + 1), seeded with the SMA of the first `period` values
 * (the usual charting convention).
 */
export function createEma(period: number): IncrementalIndicator {
  checkPeriod(period);
  const k = 2 / (period + 1);
  const seed = createSma(period);
  let previous: number | undefined;
  let current: number | undefined;
  let count = 0;
  let lastTime: number | undefined;
  return {
    push(time, value) {
      const replacing = checkOrder(lastTime, time);
      if (!replacing) {
        previous = current;
        count += 1;
      }
      lastTime = time;
      const seeded = seed.push(time, value);
      current = count <= period ? seeded : value * k + (previous as number) * (1 - k);
      return current;
    },
  };
}

/** Runs `indicator` over `bars` (oldest first) and keeps the points that have a value. */
export function indicatorSeries(indicator: IncrementalIndicator, bars: readonly IndicatorPoint[]): IndicatorPoint[] {
  const points: IndicatorPoint[] = [];
  for (const bar of bars) {
    const value = indicator.push(bar.time, bar.value);
    if (value !== undefined) points.push({ time: bar.time, value });
  }
  return points;
}
