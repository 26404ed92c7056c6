/**
 * The edge where candle text becomes chart numbers. Prices stay decimal text everywhere else; the chart
 * library only draws floats, and what it draws is never traded on. Legends read the original text.
 */

/** The fields a candle needs for drawing; both REST (`count`) and feed (`trades`) candles fit. */
export interface DrawableCandle {
  /** candle open, Unix seconds */
  time: number;
  open: string;
  high: string;
  low: string;
  close: string;
  volume: string;
}

export interface PriceBar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
}

export interface VolumeBar {
  time: number;
  value: number;
  /** true when the candle closed at or above its open */
  up: boolean;
}

export function toPriceBar(c: DrawableCandle): PriceBar {
  return { time: c.time, open: Number(c.open), high: Number(c.high), low: Number(c.low), close: Number(c.close) };
}

export function toVolumeBar(c: DrawableCandle): VolumeBar {
  const open = Number(c.open);
  const close = Number(c.close);
  return { time: c.time, value: Number(c.volume), up: close >= open };
}

/** `#22c55e` + 0.5 → `rgba(34, 197, 94, 0.5)`; other colour forms are returned unchanged. */
export function withAlpha(color: string, alpha: number): string {
  const hex = /^#([0-9a-f]{6})$/i.exec(color.trim());
  if (!hex?.[1]) return color;
  const n = parseInt(hex[1], 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}

/** The smallest price step a pair shows, as the chart's `minMove` (e.g. 2 → 0.01). */
export function minMoveFor(precision: number): number {
  return Number(`1e-${Math.max(0, Math.trunc(precision))}`);
}
