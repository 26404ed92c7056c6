import type { OrderType } from '../desk-api/orders';

/** Which inputs a ticket of each order type shows, and how Kraken reads them. */
export interface TypeFields {
  /** `price` is a limit price, a trigger price or (trailing) an offset from the last trade */
  price: 'none' | 'limit' | 'trigger' | 'offset';
  /** `price2`: the limit price of *-limit types, or (trailing-stop-limit) an offset from the trigger */
  price2: 'none' | 'limit' | 'offset';
  displayVolume: boolean;
  /** post-only is allowed on orders that rest on the book at a limit price */
  postOnly: boolean;
  /** time in force applies to orders that can rest; a market order fills or cancels at once */
  timeInForce: boolean;
}

const FIELDS: Record<OrderType, TypeFields> = {
  market: { price: 'none', price2: 'none', displayVolume: false, postOnly: false, timeInForce: false },
  limit: { price: 'limit', price2: 'none', displayVolume: false, postOnly: true, timeInForce: true },
  'stop-loss': { price: 'trigger', price2: 'none', displayVolume: false, postOnly: false, timeInForce: true },
  'take-profit': { price: 'trigger', price2: 'none', displayVolume: false, postOnly: false, timeInForce: true },
  'stop-loss-limit': { price: 'trigger', price2: 'limit', displayVolume: false, postOnly: false, timeInForce: true },
  'take-profit-limit': { price: 'trigger', price2: 'limit', displayVolume: false, postOnly: false, timeInForce: true },
  'trailing-stop': { price: 'offset', price2: 'none', displayVolume: false, postOnly: false, timeInForce: true },
  'trailing-stop-limit': { price: 'offset', price2: 'offset', displayVolume: false, postOnly: false, timeInForce: true },
  iceberg: { price: 'limit', price2: 'none', displayVolume: true, postOnly: true, timeInForce: true },
};

export function fieldsFor(type: OrderType): TypeFields {
  return FIELDS[type];
}

/** Human label for a type in menus and tables. */
export function orderTypeLabel(type: string): string {
  return type
    .split('-')
    .map((w, i) => (i === 0 ? w.charAt(0).toUpperCase() + w.slice(1) : w))
    .join(' ');
}

/** The price a size in quote is converted with: the limit price when there is one, else the trigger. */
export function referencePriceField(type: OrderType): 'price' | 'price2' | 'market' {
  const f = FIELDS[type];
  if (f.price === 'limit') return 'price';
  if (f.price2 === 'limit') return 'price2';
  if (f.price === 'trigger') return 'price';
  return 'market';
}
