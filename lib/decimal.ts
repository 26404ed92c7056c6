import DecimalJs from 'decimal.js';

/**
 * Decimal arithmetic for prices, quantities and money. Values travel as decimal text (as Kraken sends them)
 * and are only turned into Decimal for a calculation, so no float ever touches money.
 */

/**
 * The app's own Decimal constructor, so its precision never depends on global configuration. This module is
 * the only importer of decimal.js (a test enforces it): code that walks many values in a loop (e.g. the impact
 * preview) uses this class; everything else uses the text helpers below.
 */
export const Decimal = DecimalJs.clone({ precision: 60, rounding: DecimalJs.ROUND_HALF_UP, toExpNeg: -60, toExpPos: 60 });
export type Decimal = InstanceType<typeof Decimal>;

/** Plain decimal text: optional minus, digits, optional fraction. No exponent, no `+`, no spaces. */
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/** Thrown when text is not plain decimal notation. */
export class DecimalParseError extends Error {
  constructor(readonly input: unknown) {
    super(`not a decimal number: ${JSON.stringify(input)}`);
    this.name = 'DecimalParseError';
  }
}

/** True when `text` is plain decimal notation such as `"30010.0"` or `"-0.5"`. */
export function isDecimalText(text: unknown): text is string {
  return typeof text === 'string' && DECIMAL_TEXT.test(text);
}

/** Parses decimal text strictly (no exponent, no spaces, no `+`); throws DecimalParseError otherwise. */
export function parseDecimal(text: string): Decimal {
  if (!isDecimalText(text)) throw new DecimalParseError(text);
  return new Decimal(text);
}

type DecimalInput = string | Decimal;

function dec(value: DecimalInput): Decimal {
  return typeof value === 'string' ? parseDecimal(value) : value;
}

/** Exact text of a Decimal without exponent and without trailing-zero padding, e.g. `"0.00000001"`. */
export function toText(value: DecimalInput): string {
  const text = dec(value).toFixed();
  return text === '-0' ? '0' : text;
}

/** a + b as decimal text. */
export function addText(a: DecimalInput, b: DecimalInput): string {
  return toText(dec(a).plus(dec(b)));
}

/** a − b as decimal text. */
export function subtractText(a: DecimalInput, b: DecimalInput): string {
  return toText(dec(a).minus(dec(b)));
}

/** a × b as decimal text (exact; round afterwards with toFixedText). */
export function multiplyText(a: DecimalInput, b: DecimalInput): string {
  return toText(dec(a).times(dec(b)));
}

/** a ÷ b as decimal text with up to `decimals` places (rounded half-up); throws on division by zero. */
export function divideText(a: DecimalInput, b: DecimalInput, decimals: number): string {
  const divisor = dec(b);
  if (divisor.isZero()) throw new RangeError('division by zero');
  return toText(dec(a).dividedBy(divisor).toDecimalPlaces(decimals, DecimalJs.ROUND_HALF_UP));
}

/** −1, 0 or 1 as a is less than, equal to or greater than b (`"1.50"` equals `"1.5"`). */
export function compareDecimal(a: DecimalInput, b: DecimalInput): -1 | 0 | 1 {
  return dec(a).comparedTo(dec(b)) as -1 | 0 | 1;
}

/** True when `value` is an exact whole multiple of `step` (e.g. a price on the pair's tick size). */
export function isMultipleOf(value: DecimalInput, step: DecimalInput): boolean {
  const s = dec(step);
  if (s.isZero() || s.isNegative()) throw new RangeError('step must be positive');
  return dec(value).mod(s).isZero();
}

/** Number of digits written after the decimal point, trailing zeros included (`"1.2500"` → 4). */
export function countDecimals(text: string): number {
  if (!isDecimalText(text)) throw new DecimalParseError(text);
  const dot = text.indexOf('.');
  return dot < 0 ? 0 : text.length - dot - 1;
}

/** Rounding applied by toFixedText: `'half-up'` for display, `'down'` to never exceed a limit. */
export type RoundingMode = 'half-up' | 'down' | 'up';

const ROUNDING: Record<RoundingMode, DecimalJs.Rounding> = {
  'half-up': DecimalJs.ROUND_HALF_UP,
  down: DecimalJs.ROUND_DOWN,
  up: DecimalJs.ROUND_UP,
};

/**
 * Writes `value` with exactly `decimals` places, keeping trailing zeros (`("1.5", 8)` → `"1.50000000"`),
 * which is how Kraken prints prices and what book checksums need.
 * @param decimals places after the point, 0–60
 */
export function toFixedText(value: DecimalInput, decimals: number, rounding: RoundingMode = 'half-up'): string {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 60) throw new RangeError(`bad decimals: ${decimals}`);
  const text = dec(value).toFixed(decimals, ROUNDING[rounding]);
  return /^-0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** Rounds `value` down to a whole multiple of `step` (e.g. a quantity to the lot step). */
export function floorToStep(value: DecimalInput, step: DecimalInput): string {
  const s = dec(step);
  if (s.isZero() || s.isNegative()) throw new RangeError('step must be positive');
  return toText(dec(value).dividedToIntegerBy(s).times(s));
}

/** True when the value is exactly zero. */
export function isZeroText(value: DecimalInput): boolean {
  return dec(value).isZero();
}

/** 10^-decimals as text, the smallest step at that precision: `"0.00000001"` for 8, `"1"` for 0. */
export function stepText(decimals: number): string {
  return decimals <= 0 ? '1' : `0.${'0'.repeat(decimals - 1)}1`;
}

/** (to − from) ÷ from × 100 with `decimals` places (half-up); `"0"` padded to `decimals` when `from` is zero. */
export function percentChangeText(from: DecimalInput, to: DecimalInput, decimals: number): string {
  const base = dec(from);
  const change = base.isZero() ? new Decimal(0) : dec(to).minus(base).dividedBy(base).times(100);
  return toFixedText(change, decimals);
}
