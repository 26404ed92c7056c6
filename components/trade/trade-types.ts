/**
 * Props the trade page's client components take from the server page. Plain serialisable data;
 * mirrors lib/server/trade-data without importing it (that module is server-only).
 */
export interface TradePairInfo {
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
  /** first taker fee tier in percent, e.g. "0.26" */
  takerFeePct?: string;
}

/** Ticker fields the header shows; both the server's first ticker and the live one have them. */
export interface TickerFields {
  last: string;
  change: string;
  changePct: string;
  high: string;
  low: string;
  volume: string;
}
