/**
 * What the order ticket needs to know about a pair: its names and Kraken's order rules. Plain data so the
 * trade page can pass it from the server; all numbers are decimal text.
 */
export interface TicketPair {
  /** WS v2 symbol, e.g. BTC/USD */
  symbol: string;
  /** common codes, e.g. BTC / USD */
  base: string;
  quote: string;
  /** minimum price increment, e.g. "0.1" */
  tickSize: string;
  /** digits allowed after the point in a base quantity */
  lotDecimals: number;
  /** digits the quote currency is shown with (cost, fee) */
  costDecimals?: number;
  /** minimum order volume in base, when Kraken states one */
  ordermin?: string;
  /** minimum order cost in quote, when Kraken states one */
  costmin?: string;
}

export const ORDER_TYPES = [
  'market',
  'limit',
  'stop-loss',
  'take-profit',
  'stop-loss-limit',
  'take-profit-limit',
  'trailing-stop',
  'trailing-stop-limit',
  'iceberg',
] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

export type Side = 'buy' | 'sell';
export type TimeInForce = 'GTC' | 'IOC' | 'GTD';
export type OrderFlag = 'post' | 'fcib' | 'fciq' | 'nompp' | 'viqc';

/** The JSON body of POST /api/orders and /api/orders/preview. */
export interface OrderRequestBody {
  symbol: string;
  side: Side;
  type: OrderType;
  volume: string;
  price?: string;
  price2?: string;
  flags?: OrderFlag[];
  timeInForce?: TimeInForce;
  /** ISO 8601 UTC */
  expireAt?: string;
  displayVolume?: string;
  reduceOnly?: boolean;
  confirm?: boolean;
  idempotencyKey: string;
}
