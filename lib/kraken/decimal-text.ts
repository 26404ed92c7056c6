/**
 * Decimal numbers as text, without ever going through a float. Shared by the wire parser, the order book
 * and writers that must print numbers with a fixed number of decimals. Browser-safe.
 */

const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;
const ANY_NUMBER = /^-?(\d+)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/;

/** True for plain decimal text such as `"12"`, `"-0.50"` (no exponent, no leading `+`, no bare `.`). */
export function isPlainDecimal(text: string): boolean {
  return PLAIN_DECIMAL.test(text);
}

/**
 * Any JSON number text (including scientific notation such as `5.1e-05`) → plain decimal text
 * (`0.000051`). Digits are moved, never rounded. Returns undefined when the text is not a number.
 */
export function toPlainDecimal(text: string): string | undefined {
  const m = ANY_NUMBER.exec(text);
  if (!m) return undefined;
  if (m[3] === undefined) return text;
  const negative = text.charCodeAt(0) === 45;
  const intPart = m[1] as string;
  const fracPart = m[2] ?? '';
  const exponent = Number(m[3]);
  const digits = intPart + fracPart;
  // position of the decimal point inside `digits` after applying the exponent
  const point = intPart.length + exponent;
  let whole: string;
  let frac: string;
  if (point <= 0) {
    whole = '0';
    frac = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    whole = digits + '0'.repeat(point - digits.length);
    frac = '';
  } else {
    whole = digits.slice(0, point);
    frac = digits.slice(point);
  }
  whole = whole.replace(/^0+(?=\d)/, '');
  frac = frac.replace(/0+$/, '');
  const body = frac ? `${whole}.${frac}` : whole;
  return negative && /[1-9]/.test(body) ? `-${body}` : body;
}

/** A JS number → plain decimal text (shortest round-trip digits, never scientific notation). */
export function numberToPlainDecimal(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  const text = String(value);
  return text.includes('e') ? (toPlainDecimal(text) as string) : text;
}

/**
 * Decimal text rounded half away from zero (or zero-padded) to exactly `decimals` digits after the point.
 * `toFixedDecimal("0.1", 8)` → `"0.10000000"`, `toFixedDecimal("1.25", 1)` → `"1.3"`.
 * @param decimals digits after the point, 0 for an integer
 */
export function toFixedDecimal(value: string | number, decimals: number): string {
  const text = typeof value === 'number' ? numberToPlainDecimal(value) : toPlainDecimal(value.trim());
  if (text === undefined) throw new RangeError(`not a decimal number: ${JSON.stringify(value)}`);
  const negative = text.charCodeAt(0) === 45;
  const body = negative ? text.slice(1) : text;
  const dot = body.indexOf('.');
  const whole = dot < 0 ? body : body.slice(0, dot);
  const frac = dot < 0 ? '' : body.slice(dot + 1);
  let result: string;
  if (frac.length <= decimals) {
    result = decimals === 0 ? whole : `${whole}.${frac.padEnd(decimals, '0')}`;
  } else {
    const kept = whole + frac.slice(0, decimals);
    const roundUp = frac.charCodeAt(decimals) >= 53; // '5'
    const digits = roundUp ? incrementDigits(kept) : kept;
    const split = digits.length - decimals;
    result = decimals === 0 ? digits : `${digits.slice(0, split)}.${digits.slice(split)}`;
  }
  result = result.replace(/^0+(?=\d)/, '');
  return negative && /[1-9]/.test(result) ? `-${result}` : result;
}

function incrementDigits(digits: string): string {
  const out = digits.split('');
  let i = out.length - 1;
  while (i >= 0) {
    if (out[i] === '9') {
      out[i] = '0';
      i--;
    } else {
      out[i] = String.fromCharCode((out[i] as string).charCodeAt(0) + 1);
      return out.join('');
    }
  }
  return `1${out.join('')}`;
}

/**
 * Pads plain decimal text with trailing zeros to `decimals` digits; extra digits are allowed only when
 * they are zeros (then trimmed). Returns undefined if the text carries more precision than `decimals`.
 * Hot path of the order book, so it avoids regexes.
 * @param decimals digits after the point
 */
export function padDecimals(text: string, decimals: number): string | undefined {
  const dot = text.indexOf('.');
  if (dot < 0) return decimals === 0 ? text : text + '.' + ZEROS[decimals];
  const have = text.length - dot - 1;
  if (have === decimals) return text;
  if (have < decimals) return text + (ZEROS[decimals - have] as string);
  for (let i = dot + 1 + decimals; i < text.length; i++) if (text.charCodeAt(i) !== 48) return undefined;
  return decimals === 0 ? text.slice(0, dot) : text.slice(0, dot + 1 + decimals);
}

const ZEROS: readonly string[] = Array.from({ length: 40 }, (_, i) => '0'.repeat(i));

/**
 * Plain, non-negative decimal text → integer units of 10^-decimals (`"29430.2"`, 1 → 294302), exactly.
 * Returns NaN for malformed text, more significant decimals than `decimals`, or values beyond 2^53.
 * @param decimals scale, e.g. the pair's price precision
 */
export function scaledInteger(text: string, decimals: number): number {
  let value = 0;
  let fracDigits = -1;
  const n = text.length;
  if (n === 0) return NaN;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (fracDigits >= 0 || i === 0 || i === n - 1) return NaN;
      fracDigits = 0;
      continue;
    }
    if (c < 48 || c > 57) return NaN;
    if (fracDigits >= 0) {
      if (fracDigits >= decimals) {
        if (c !== 48) return NaN;
        continue;
      }
      fracDigits++;
    }
    value = value * 10 + (c - 48);
  }
  const scaled = value * (POW10[decimals - Math.max(fracDigits, 0)] as number);
  return scaled <= Number.MAX_SAFE_INTEGER ? scaled : NaN;
}

const POW10: readonly number[] = Array.from({ length: 40 }, (_, i) => 10 ** i);

/**
 * Integer units of 10^-decimals → decimal text with exactly `decimals` digits (294302, 1 → `"29430.2"`).
 * Takes a bigint too, for sums that may pass 2^53 (the order book's grouped sizes).
 */
export function formatScaled(units: number | bigint, decimals: number): string {
  const negative = units < 0;
  const digits = String(negative ? -units : units).padStart(decimals + 1, '0');
  const split = digits.length - decimals;
  const text = decimals === 0 ? digits : `${digits.slice(0, split)}.${digits.slice(split)}`;
  return negative ? `-${text}` : text;
}

/**
 * One pass over unsigned decimal text: `''` when it is zero, the text padded to `decimals` when valid,
 * undefined when malformed (including exponents) or carrying more than `decimals` significant decimals.
 * @param decimals digits after the point, e.g. the pair's qty precision
 */
export function padNonZeroDecimal(text: string, decimals: number): string | undefined {
  const n = text.length;
  if (n === 0) return undefined;
  let dot = -1;
  let lastNonZero = -1;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 46) {
      if (dot >= 0 || i === 0 || i === n - 1) return undefined;
      dot = i;
    } else if (c < 48 || c > 57) return undefined;
    else if (c !== 48) lastNonZero = i;
  }
  if (lastNonZero < 0) return '';
  if (dot < 0) return decimals === 0 ? text : text + '.' + (ZEROS[decimals] as string);
  const have = n - dot - 1;
  if (have === decimals) return text;
  if (have < decimals) return text + (ZEROS[decimals - have] as string);
  if (lastNonZero > dot + decimals) return undefined;
  return decimals === 0 ? text.slice(0, dot) : text.slice(0, dot + 1 + decimals);
}

/** True when decimal text is zero (`"0"`, `"0.000"`, `"-0.0"`). */
export function isZeroDecimal(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 48 && c !== 46 && c !== 45) return false;
  }
  return text.length > 0;
}
