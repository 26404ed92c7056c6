import { compareDecimal } from '../decimal';
import { fieldsFor, type TypeFields } from './order-types';
import { typedDecimal } from './rules';
import { ORDER_TYPES, type OrderType } from '../desk-api/orders';

/**
 * The amend form of an open order: what each box starts with, and the PATCH /api/orders/{id} body built
 * from it. Only the fields the member changed are sent — a trailing stop's price box holds its offset
 * ("+500", "+1.5%"), and sending it back unchanged (or refusing it as "not a number") broke size-only amends.
 */
export interface AmendForm {
  price: string;
  price2: string;
  volume: string;
  displayVolume: string;
}

export interface AmendBody {
  price?: string;
  price2?: string;
  volume?: string;
  displayVolume?: string;
  confirm?: boolean;
}

/** What the order being amended is, as the open-orders list shows it. */
export interface AmendedOrder {
  type: string;
  side: string;
  price?: string | null;
  price2?: string | null;
  volume?: string;
}

export type AmendField = keyof AmendForm;

const NOTHING: TypeFields = { price: 'none', price2: 'none', displayVolume: false, postOnly: false, timeInForce: false };

/** The boxes an order type can amend (none for market orders and types this page does not know). */
export function amendFields(type: string): TypeFields {
  return (ORDER_TYPES as readonly string[]).includes(type) ? fieldsFor(type as OrderType) : NOTHING;
}

/** The label of each box, by what it holds for this order type. */
export function amendLabels(type: string): Record<AmendField, string> {
  const f = amendFields(type);
  return {
    price: f.price === 'offset' ? 'New trailing offset' : f.price === 'trigger' ? 'New trigger price' : 'New price',
    price2: f.price2 === 'offset' ? 'New limit offset' : 'New limit price',
    volume: 'New size',
    displayVolume: 'New visible size',
  };
}

export function amendStart(order: AmendedOrder): AmendForm {
  return { price: order.price ?? '', price2: order.price2 ?? '', volume: order.volume ?? '', displayVolume: '' };
}

interface Offset {
  sign: '+' | '-' | '';
  amount: string;
  percent: boolean;
}

const OFFSET = /^([+-]?)\s*(\d*\.?\d*)\s*(%?)$/;

function parseOffset(text: string): Offset | null {
  const m = OFFSET.exec(text.trim());
  const amount = m ? typedDecimal(m[2] ?? '') : null;
  if (!m || amount === null || compareDecimal(amount, '0') <= 0) return null;
  return { sign: (m[1] ?? '') as Offset['sign'], amount, percent: m[3] === '%' };
}

const sameOffset = (a: Offset, b: Offset | null) => b !== null && a.sign === b.sign && a.percent === b.percent && compareDecimal(a.amount, b.amount) === 0;
const sameDecimal = (a: string, b: string | null | undefined) => b !== undefined && b !== null && typedDecimal(b) !== null && compareDecimal(a, typedDecimal(b) as string) === 0;

type Step = { value?: string } | { error: string };

/** An offset box: "+500", "500", "+1.5%"; the sign defaults to the one the order has (else `fallbackSign`). */
function offsetStep(text: string, original: string | null | undefined, label: string, fallbackSign: '+' | '-', allowMinus: boolean): Step {
  const typed = parseOffset(text);
  if (!typed) return { error: `${label} must be a distance like +500 or +1.5%.` };
  const before = original === undefined || original === null ? null : parseOffset(original);
  const sign = typed.sign || before?.sign || fallbackSign;
  if (sign === '-' && !allowMinus) return { error: `${label} is a distance from the market: write it like +500 or +1.5%.` };
  const next: Offset = { ...typed, sign };
  if (sameOffset(next, before)) return {};
  return { value: `${sign}${next.amount}${next.percent ? '%' : ''}` };
}

function decimalStep(text: string, original: string | null | undefined, label: string, example: string): Step {
  const value = typedDecimal(text);
  if (value === null || compareDecimal(value, '0') <= 0) return { error: `${label} must be a number greater than 0, like ${example}.` };
  return sameDecimal(value, original) ? {} : { value };
}

/**
 * The PATCH body from the form: only changed fields, or `null` when nothing changed. A box left empty
 * keeps the order's value. Pair rules (tick size, lot decimals) are the server's to check.
 */
export function amendChange(order: AmendedOrder, form: AmendForm): { change: Omit<AmendBody, 'confirm'> | null } | { error: string } {
  const f = amendFields(order.type);
  const labels = amendLabels(order.type);
  const limitSign = order.side === 'sell' ? '-' : '+';
  const steps: [AmendField, () => Step][] = [];
  if (f.price === 'offset') steps.push(['price', () => offsetStep(form.price, order.price, labels.price, '+', false)]);
  else if (f.price !== 'none') steps.push(['price', () => decimalStep(form.price, order.price, labels.price, '30000.5')]);
  if (f.price2 === 'offset') steps.push(['price2', () => offsetStep(form.price2, order.price2, labels.price2, limitSign, true)]);
  else if (f.price2 === 'limit') steps.push(['price2', () => decimalStep(form.price2, order.price2, labels.price2, '30000.5')]);
  if (f.price !== 'none') steps.push(['volume', () => decimalStep(form.volume, order.volume, labels.volume, '0.01')]);
  if (f.displayVolume) steps.push(['displayVolume', () => decimalStep(form.displayVolume, undefined, labels.displayVolume, '0.001')]);

  const change: Omit<AmendBody, 'confirm'> = {};
  for (const [field, step] of steps) {
    if (!form[field].trim()) continue;
    const result = step();
    if ('error' in result) return { error: result.error };
    if (result.value !== undefined) change[field] = result.value;
  }
  const volume = change.volume ?? typedDecimal(order.volume ?? '');
  if (change.displayVolume && volume && compareDecimal(change.displayVolume, volume) > 0) {
    return { error: 'The visible size cannot be larger than the order size.' };
  }
  return { change: Object.keys(change).length > 0 ? change : null };
}
