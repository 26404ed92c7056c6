import { compareDecimal, isDecimalText } from '../decimal';
import { fieldsFor, referencePriceField } from './order-types';
import { checkCost, checkDisplayVolume, checkOffset, checkPrice, checkVolume, typedDecimal } from './rules';
import { quoteToBase } from './size';
import type { OrderType, TimeInForce } from '../desk-api/orders';
import type { Side } from '../kraken/types';
import type { OrderFlag } from '../kraken/order-request';
import type { Ticket } from '../orders/ticket';
import type { TicketPair } from './types';

/** The ticket form as the member typed it (text fields stay text). */
export interface TicketDraft {
  side: Side;
  type: OrderType;
  sizeUnit: 'base' | 'quote';
  size: string;
  price: string;
  price2: string;
  /** trailing offsets are a percentage rather than an amount of quote */
  offsetPercent: boolean;
  displayVolume: string;
  postOnly: boolean;
  reduceOnly: boolean;
  timeInForce: TimeInForce;
  /** `<input type="datetime-local">` value, local time */
  expireAt: string;
}

export type TicketField = 'size' | 'price' | 'price2' | 'displayVolume' | 'expireAt' | 'timeInForce';

export interface TicketCheck {
  errors: Partial<Record<TicketField, string>>;
  /** the request body when there are no errors */
  body: Omit<Ticket, 'idempotencyKey' | 'confirm'> | null;
  /** base quantity the order is for (estimated when sized in quote at market) */
  baseVolume: string | null;
}

export const EMPTY_TICKET: TicketDraft = {
  side: 'buy',
  type: 'limit',
  sizeUnit: 'base',
  size: '',
  price: '',
  price2: '',
  offsetPercent: false,
  displayVolume: '',
  postOnly: false,
  reduceOnly: false,
  timeInForce: 'GTC',
  expireAt: '',
};

const LABELS = { limit: 'Limit price', trigger: 'Trigger price' } as const;

/**
 * Checks the whole ticket against the pair's rules and builds the API body.
 * @param marketPrice last trade price, used to size in quote and to check cost where the order has no price
 * @param now current time, for GTD expiry
 */
export function checkTicketDraft(form: TicketDraft, pair: TicketPair, marketPrice: string | undefined, now: Date): TicketCheck {
  const f = fieldsFor(form.type);
  const errors: TicketCheck['errors'] = {};

  if (f.price === 'limit' || f.price === 'trigger') errors.price = checkPrice(form.price, pair, LABELS[f.price]) ?? undefined;
  if (f.price === 'offset') errors.price = checkOffset(form.price, form.offsetPercent, pair) ?? undefined;
  if (f.price2 === 'limit') errors.price2 = checkPrice(form.price2, pair, 'Limit price') ?? undefined;
  if (f.price2 === 'offset') errors.price2 = checkOffset(form.price2, form.offsetPercent, pair, 'Limit offset') ?? undefined;

  const ref = referencePriceField(form.type);
  const refText = ref === 'market' ? marketPrice : typedDecimal(ref === 'price' ? form.price : form.price2) ?? undefined;
  const refPrice = refText !== undefined && isDecimalText(refText) && compareDecimal(refText, '0') > 0 ? refText : undefined;

  // A market buy sized in quote is sent as quote (viqc): Kraken spends exactly that amount.
  const viqc = form.sizeUnit === 'quote' && form.type === 'market' && form.side === 'buy';
  let volume: string | null = null;
  let baseVolume: string | null = null;
  if (form.sizeUnit === 'base') {
    errors.size = checkVolume(form.size, pair) ?? undefined;
    volume = errors.size ? null : typedDecimal(form.size);
    baseVolume = volume;
  } else {
    const quote = typedDecimal(form.size);
    if (!form.size.trim()) errors.size = `Enter an amount of ${pair.quote}.`;
    else if (quote === null || compareDecimal(quote, '0') <= 0) errors.size = `Amount must be a number greater than 0.`;
    else if (!refPrice) errors.size = `Enter a price first to size the order in ${pair.quote}.`;
    else {
      baseVolume = quoteToBase(quote, refPrice, pair.lotDecimals);
      const sizeError = checkVolume(baseVolume ?? '', pair);
      if (sizeError) errors.size = `${quote} ${pair.quote} is about ${baseVolume} ${pair.base}: ${lowerFirst(sizeError)}`;
      else volume = viqc ? quote : baseVolume;
    }
  }
  if (!errors.size && baseVolume && refPrice) errors.size = checkCost(baseVolume, refPrice, pair) ?? undefined;
  if (f.displayVolume) errors.displayVolume = checkDisplayVolume(form.displayVolume, baseVolume ?? '', pair) ?? undefined;

  const tif = f.timeInForce ? form.timeInForce : undefined;
  let expireAt: string | undefined;
  if (tif === 'GTD') {
    const at = form.expireAt ? new Date(form.expireAt) : undefined;
    if (!at || Number.isNaN(at.getTime())) errors.expireAt = 'Choose when the order expires.';
    else if (at.getTime() <= now.getTime()) errors.expireAt = 'The expiry must be in the future.';
    else expireAt = at.toISOString();
  }
  const postOnly = f.postOnly && form.postOnly;
  if (postOnly && tif === 'IOC') errors.timeInForce = 'A post-only order rests on the book, so it cannot be IOC.';

  const clean = Object.fromEntries(Object.entries(errors).filter(([, v]) => v !== undefined)) as TicketCheck['errors'];
  if (Object.keys(clean).length > 0 || volume === null) return { errors: clean, body: null, baseVolume };

  const flags: OrderFlag[] = [...(postOnly ? (['post'] as const) : []), ...(viqc ? (['viqc'] as const) : [])];
  const pct = form.offsetPercent ? '%' : '';
  const price = f.price === 'none' ? undefined : f.price === 'offset' ? `+${typedDecimal(form.price)}${pct}` : (typedDecimal(form.price) ?? undefined);
  // trailing-stop-limit: the limit sits beyond the trigger in the direction the order trades
  const price2 =
    f.price2 === 'none' ? undefined : f.price2 === 'offset' ? `${form.side === 'buy' ? '+' : '-'}${typedDecimal(form.price2)}${pct}` : (typedDecimal(form.price2) ?? undefined);
  const body: TicketCheck['body'] = {
    symbol: pair.symbol,
    side: form.side,
    type: form.type,
    volume,
    ...(price !== undefined ? { price } : {}),
    ...(price2 !== undefined ? { price2 } : {}),
    ...(f.displayVolume ? { displayVolume: typedDecimal(form.displayVolume) as string } : {}),
    ...(flags.length ? { flags } : {}),
    ...(tif ? { timeInForce: tif } : {}),
    ...(expireAt ? { expireAt } : {}),
    ...(form.reduceOnly ? { reduceOnly: true } : {}),
  };
  return { errors: clean, body, baseVolume };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
