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
