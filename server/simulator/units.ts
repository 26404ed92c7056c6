/**
 * Prices and quantities inside the market are integers in the pair's smallest unit (price ticks of
 * 10^-pair_decimals, lots of 10^-lot_decimals), so arithmetic is exact; text is made only at the edge.
 */

/** Integer units → decimal text with exactly `decimals` digits after the point: (1139000, 1) → "113900.0". */
export function unitsToText(units: number | bigint, decimals: number): string {
  const negative = units < 0;
  let digits = (negative ? -BigInt(units) : BigInt(units)).toString();
  if (decimals === 0) return (negative ? '-' : '') + digits;
  if (digits.length <= decimals) digits = '0'.repeat(decimals - digits.length + 1) + digits;
  const cut = digits.length - decimals;
  return `${negative ? '-' : ''}${digits.slice(0, cut)}.${digits.slice(cut)}`;
}

/** Like unitsToText but pads to `minDecimals` when the unit has fewer (REST prints prices with ≥ 5 decimals). */
export function unitsToPaddedText(units: number | bigint, decimals: number, minDecimals: number): string {
  const text = unitsToText(units, decimals);
  if (decimals >= minDecimals) return text;
  return (decimals === 0 ? `${text}.` : text) + '0'.repeat(minDecimals - decimals);
}

const DECIMAL = /^(\d+)(?:\.(\d*))?$/;

/**
 * Decimal text → integer units, or undefined when the text is not a plain non-negative decimal or has more
 * significant decimals than the unit allows ("1.50" with 1 decimal → 15; "1.55" with 1 decimal → undefined).
 */
export function textToUnits(text: string, decimals: number): number | undefined {
  const m = DECIMAL.exec(text.trim());
  if (!m) return undefined;
  const whole = m[1] as string;
  let frac = m[2] ?? '';
  const extra = frac.slice(decimals);
  if (/[^0]/.test(extra)) return undefined;
  frac = frac.slice(0, decimals).padEnd(decimals, '0');
  const value = Number(whole + frac);
  return Number.isSafeInteger(value) ? value : undefined;
}

/** Decimal text → nearest integer units (for seed prices that may carry more digits than the pair). */
export function textToNearestUnits(text: string, decimals: number): number {
  return Math.round(Number(text) * 10 ** decimals);
}
