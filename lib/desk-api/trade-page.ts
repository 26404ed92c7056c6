/**
 * What the server's trade page hands its client components (lib/server/trade-data.ts builds them): plain
 * serialisable data, one type for both sides.
 */
/** What the trade page needs about its pair: names and the pair's display and order rules. */
export interface TradePair {
  /** WS v2 symbol, e.g. BTC/USD */
  symbol: string;
  /** URL form, e.g. BTC-USD */
  slug: string;
  base: string;
  quote: string;
  pricePrecision: number;
  qtyPrecision: number;
  /** minimum price increment, decimal text */
  tickSize: string;
  ordermin: string | undefined;
  costmin: string | undefined;
  /** the first (highest) taker fee tier in percent, e.g. "0.26" */
  takerFeePct: string | undefined;
}

/** Ticker fields the header shows; both the server's first ticker and the live one have them. */
export interface TickerFields {
  last: string;
  /** last − today's open, exact decimal text */
  change: string;
  changePct: string;
  high: string;
  low: string;
  volume: string;
}

/** The first paint of the ticker header (the live feed takes over in the browser). */
export interface FirstTicker extends TickerFields {
  bid: string;
  ask: string;
}
