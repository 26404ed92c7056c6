import { compareDecimal, countDecimals, divideText, floorToStep, isDecimalText, isMultipleOf, multiplyText, stepText, toFixedText } from '../decimal';
import type { TicketPair } from './types';

/**
 * As-you-type checks of one ticket input against the pair's rules. Each returns the sentence to show
 * under the field, or null when the value is fine. Exact decimal math on the typed text.
 */

const TYPED = /^\d*\.?\d*$/;

/** Normalises what was typed ("0.5", ".5", "12.") to decimal text, or null when it is not a number. */
export function typedDecimal(text: string): string | null {
  const t = text.trim();
  if (!t || !TYPED.test(t) || t === '.') return null;
  const withInt = t.startsWith('.') ? `0${t}` : t;
  const normalized = withInt.endsWith('.') ? withInt.slice(0, -1) : withInt;
  return isDecimalText(normalized) ? normalized : null;
}

function positive(text: string, label: string): { value: string } | { error: string } {
  if (!text.trim()) return { error: `Enter a ${label.toLowerCase()}.` };
  const value = typedDecimal(text);
  if (value === null) return { error: `${label} must be a number like 1.25.` };
  if (compareDecimal(value, '0') <= 0) return { error: `${label} must be greater than 0.` };
  return { value };
}

/** A limit or trigger price: positive and a whole multiple of the pair's tick size. */
export function checkPrice(text: string, pair: Pick<TicketPair, 'tickSize' | 'quote'>, label = 'Price'): string | null {
  const p = positive(text, label);
  if ('error' in p) return p.error;
  if (!isMultipleOf(p.value, pair.tickSize)) {
    const nearest = toFixedText(floorToStep(p.value, pair.tickSize), countDecimals(pair.tickSize), 'down');
    return `${label} must be a multiple of the tick size ${pair.tickSize} ${pair.quote} (e.g. ${nearest}).`;
  }
  return null;
}

/** A base quantity: positive, at most lotDecimals places, at least ordermin. */
export function checkVolume(text: string, pair: Pick<TicketPair, 'lotDecimals' | 'ordermin' | 'base'>, label = 'Size'): string | null {
  const p = positive(text, label);
  if ('error' in p) return p.error;
  if (countDecimals(p.value) > pair.lotDecimals && !isMultipleOf(p.value, stepText(pair.lotDecimals))) {
    return `${label} can have at most ${pair.lotDecimals} decimal${pair.lotDecimals === 1 ? '' : 's'} of ${pair.base}.`;
  }
  if (pair.ordermin && compareDecimal(p.value, pair.ordermin) < 0) {
    return `The minimum order size is ${pair.ordermin} ${pair.base}.`;
  }
  return null;
}

/** price × volume at least costmin (quote). Null when either input is not a number yet. */
export function checkCost(volume: string, price: string, pair: Pick<TicketPair, 'costmin' | 'quote'>): string | null {
  if (!pair.costmin || !isDecimalText(volume) || !isDecimalText(price)) return null;
  const cost = multiplyText(volume, price);
  if (compareDecimal(cost, pair.costmin) < 0) {
    return `The order value ${cost} ${pair.quote} is below the minimum of ${pair.costmin} ${pair.quote}.`;
  }
  return null;
}

/** Iceberg visible size: a valid size, not above the total, and at least 1/15 of it (Kraken's rule). */
export function checkDisplayVolume(text: string, volume: string, pair: Pick<TicketPair, 'lotDecimals' | 'base'>): string | null {
  const basic = checkVolume(text, { ...pair, ordermin: undefined }, 'Visible size');
  if (basic) return basic;
  const shown = typedDecimal(text) as string;
  if (!isDecimalText(volume)) return null;
  if (compareDecimal(shown, volume) > 0) return 'Visible size cannot be larger than the order size.';
  const minimum = divideText(volume, '15', pair.lotDecimals + 2);
  if (compareDecimal(shown, minimum) < 0) {
    return `Visible size must be at least 1/15 of the order size (${toFixedText(minimum, pair.lotDecimals, 'up')} ${pair.base}).`;
  }
  return null;
}

/** Trailing offset: positive; as a percentage at most 2 decimals and below 100, else on the tick size. */
export function checkOffset(text: string, percent: boolean, pair: Pick<TicketPair, 'tickSize' | 'quote'>, label = 'Trailing offset'): string | null {
  if (!percent) return checkPrice(text, pair, label);
  const p = positive(text, label);
  if ('error' in p) return p.error;
  if (countDecimals(p.value) > 2 && !isMultipleOf(p.value, '0.01')) return `${label} in percent can have at most 2 decimals.`;
  if (compareDecimal(p.value, '100') >= 0) return `${label} must be below 100%.`;
  return null;
}

