import Decimal from 'decimal.js';

/** Decimal constructor with enough precision that balances and costs never round implicitly. */
export const D = Decimal.clone({ precision: 50, rounding: Decimal.ROUND_HALF_UP });
export type Dec = InstanceType<typeof D>;

export const ZERO = new D(0);

/** Matches a plain non-negative decimal as Kraken accepts it on the wire ("1", "1.25", ".5"). */
export const DECIMAL_TEXT = /^(\d+\.?\d*|\.\d+)$/;

export function decimalPlaces(text: string): number {
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Fixed-point text with `places` decimals (Kraken pads prices and volumes). */
export function fixed(value: Dec | string | number, places: number): string {
  return new D(value).toFixed(places, D.ROUND_HALF_UP);
}

/** Round down to a multiple of `step` (used to keep volumes on the lot grid). */
export function floorTo(value: Dec, places: number): Dec {
  return value.toDecimalPlaces(places, D.ROUND_DOWN);
}

/** Unix seconds with 4 decimals, as a JSON number, from milliseconds. */
export function unixSeconds(ms: number): number {
  return Math.round(ms / 10) / 100;
}

/** RFC 3339 with microseconds, as WS v2 prints timestamps. */
export function rfc3339(ms: number): string {
  return new Date(ms).toISOString().replace('Z', '000Z');
}
