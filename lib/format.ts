/**
 * Display formatting for decimal text from the wire. Works on the text itself (no float round-trip), so
 * a price shows exactly the digits the exchange sent, padded or rounded to the pair's precision.
 */

const DECIMAL = /^(-?)(\d+)(?:\.(\d+))?$/;

/** Rounds decimal text half-up to `decimals` places and returns plain text (trailing zeros kept). */
export function roundText(text: string, decimals: number): string {
  const m = DECIMAL.exec(text.trim());
  if (!m) return text;
  const [, sign = '', int = '0', frac = ''] = m;
  if (frac.length <= decimals) {
    return `${sign}${int}${decimals > 0 ? `.${frac.padEnd(decimals, '0')}` : ''}`;
  }
  const digits = (int + frac.slice(0, decimals)).split('').map(Number);
  if ((frac.charCodeAt(decimals) - 48) >= 5) {
    let i = digits.length - 1;
    while (i >= 0) {
      if (digits[i] === 9) {
        digits[i] = 0;
        i--;
      } else {
        digits[i] = (digits[i] ?? 0) + 1;
        break;
      }
    }
    if (i < 0) digits.unshift(1);
  }
  const all = digits.join('');
  const intPart = all.slice(0, all.length - decimals) || '0';
  const fracPart = all.slice(all.length - decimals);
  const isZero = /^0*$/.test(intPart + fracPart);
  return `${isZero ? '' : sign}${intPart}${decimals > 0 ? `.${fracPart}` : ''}`;
}

function group(int: string): string {
  return int.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** `"113900.1"`, 2 → `"113,900.10"`. Invalid text is shown as an em dash. */
export function formatDecimal(text: string | undefined, decimals: number): string {
  if (text === undefined || !DECIMAL.test(text.trim())) return '—';
  const rounded = roundText(text, decimals);
  const negative = rounded.startsWith('-');
  const [int = '0', frac] = (negative ? rounded.slice(1) : rounded).split('.');
  return `${negative ? '−' : ''}${group(int)}${frac !== undefined ? `.${frac}` : ''}`;
}

/** A signed percentage with two decimals: `"-1.386"` → `"−1.39%"`, `"0.65"` → `"+0.65%"`. */
export function formatPct(text: string | undefined): string {
  if (text === undefined || !DECIMAL.test(text.trim())) return '—';
  const rounded = roundText(text, 2);
  if (/^-?0\.00$/.test(rounded)) return '0.00%';
  return rounded.startsWith('-') ? `−${rounded.slice(1)}%` : `+${rounded}%`;
}

/** Large quantities for tables: 1,234 / 12.3K / 4.56M / 7.89B; small ones keep up to `smallDecimals`. */
export function formatCompact(text: string | undefined, smallDecimals = 2): string {
  if (text === undefined || !DECIMAL.test(text.trim())) return '—';
  // Display only: the value has already been decided; compacting needs magnitude, not exactness.
  const value = Math.abs(Number(text));
  // [threshold, divisor, suffix]: thousands only abbreviate from 10K so "1,234" stays readable.
  const units: [number, number, string][] = [[1e12, 1e12, 'T'], [1e9, 1e9, 'B'], [1e6, 1e6, 'M'], [1e4, 1e3, 'K']];
  for (const [threshold, divisor, suffix] of units) {
    if (value >= threshold) return `${text.trim().startsWith('-') ? '−' : ''}${(value / divisor).toFixed(2)}${suffix}`;
  }
  return formatDecimal(text, smallDecimals);
}

/** Sign of a decimal text: -1, 0 or 1 (for up/down colouring). */
export function signOf(text: string | undefined): -1 | 0 | 1 {
  if (!text || !DECIMAL.test(text.trim())) return 0;
  const t = text.trim();
  if (/^-?0+(\.0+)?$/.test(t)) return 0;
  return t.startsWith('-') ? -1 : 1;
}
