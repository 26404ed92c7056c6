/** Joining pages of candle history: older pages arrive while the chart already holds newer bars. */

/**
 * `existing` and `incoming` combined, oldest first, one bar per time. On a duplicate time the bar already held
 * wins: it is the fresher one (the live candle or an OHLC row rather than a rebuilt-from-trades one).
 */
export function mergeCandles<T extends { time: number }>(existing: readonly T[], incoming: readonly T[]): T[] {
  const byTime = new Map<number, T>();
  for (const bar of incoming) byTime.set(bar.time, bar);
  for (const bar of existing) byTime.set(bar.time, bar);
  return [...byTime.values()].sort((a, b) => a.time - b.time);
}

/** Time of the oldest bar, or undefined for none. */
export function oldestTime(bars: readonly { time: number }[]): number | undefined {
  let oldest: number | undefined;
  for (const bar of bars) if (oldest === undefined || bar.time < oldest) oldest = bar.time;
  return oldest;
}
