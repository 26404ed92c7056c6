/**
 * Domain types the rest of the app sees. Raw Kraken shapes (pair-id keyed objects, positional arrays) never leave
 * lib/kraken: schemas.ts parses them and mappers turn them into these. Money and quantities are decimal text;
 * times are Unix seconds (numbers) unless noted.
 */

/** Decimal number as text exactly as Kraken sent it, e.g. `"30010.0"`. */
export type DecimalText = string;

export type ExchangeStatus = 'online' | 'maintenance' | 'cancel_only' | 'post_only';
export type Side = 'buy' | 'sell';

export interface ServerTime {
  /** Unix seconds */
  unixtime: number;
  rfc1123: string;
}

export interface SystemStatusInfo {
  status: ExchangeStatus;
  /** RFC 3339 */
  timestamp: string;
}

export interface Asset {
  /** Kraken asset id, e.g. `XXBT` */
  assetId: string;
  /** Kraken altname, e.g. `XBT` */
  altname: string;
  /** Common code as WS v2 uses it, e.g. `BTC` */
  code: string;
  aclass: string;
  decimals: number;
  displayDecimals: number;
  status: string | undefined;
}

export interface FeeTier {
  /** 30-day volume threshold in the fee volume currency */
  volume: DecimalText;
  /** percent, e.g. `"0.26"` */
  percent: DecimalText;
}

export interface AssetPair {
  /** REST result key, e.g. `XXBTZUSD` or `SOLUSD` */
  pairId: string;
  /** REST altname, e.g. `XBTUSD` */
  altname: string;
  /** WS v1 name, e.g. `XBT/USD` */
  wsname: string;
  /** WS v2 symbol, e.g. `BTC/USD` */
  symbol: string;
  /** Asset ids, e.g. `XXBT` / `ZUSD` */
  base: string;
  quote: string;
  /** Common codes, e.g. `BTC` / `USD` */
  baseCode: string;
  quoteCode: string;
  pairDecimals: number;
  lotDecimals: number;
  costDecimals: number;
  /** Minimum price increment; falls back to 10^-pairDecimals when Kraken omits it */
  tickSize: DecimalText;
  /** Minimum volume in base */
  ordermin: DecimalText | undefined;
  /** Minimum cost in quote */
  costmin: DecimalText | undefined;
  status: string | undefined;
  feesTaker: FeeTier[];
  feesMaker: FeeTier[];
}

export interface Ticker {
  pairId: string;
  symbol: string;
  ask: DecimalText;
  bid: DecimalText;
  last: DecimalText;
  /** Today's opening price (UTC midnight) */
  open: DecimalText;
  high24h: DecimalText;
  low24h: DecimalText;
  /** Base volume over the last 24 h */
  volume24h: DecimalText;
  vwap24h: DecimalText;
  trades24h: number;
  /** (last − open) / open × 100, 2 decimals; `"0.00"` when open is 0 */
  changePct24h: DecimalText;
}

/** What every candle holds, history or live. */
export interface CandlePrices {
  /** Candle open, Unix seconds */
  time: number;
  open: DecimalText;
  high: DecimalText;
  low: DecimalText;
  close: DecimalText;
  vwap: DecimalText;
  volume: DecimalText;
}

/** A REST OHLC candle (also rebuilt from trades for older history); live feed candles are `MarketCandle`. */
export interface HistoryCandle extends CandlePrices {
  count: number;
}

export interface OhlcPage {
  pairId: string;
  symbol: string;
  /** Oldest first; the last candle is the current, still open one */
  candles: HistoryCandle[];
  /** Unix seconds; pass as `since` to receive newly committed candles */
  last: number;
}

/** One level of a REST Depth answer. */
export interface DepthPageLevel {
  price: DecimalText;
  qty: DecimalText;
  /** Unix seconds */
  time: number;
}

/** A REST Depth answer: one snapshot, not a maintained book (that is lib/kraken/book.ts `OrderBook`). */
export interface DepthPage {
  pairId: string;
  symbol: string;
  /** Ascending from best */
  asks: DepthPageLevel[];
  /** Descending from best */
  bids: DepthPageLevel[];
}

export interface PublicTrade {
  price: DecimalText;
  qty: DecimalText;
  /** Unix seconds, fractional */
  time: number;
  side: Side;
  orderType: 'market' | 'limit';
  misc: string;
  tradeId: number | undefined;
}

export interface TradesPage {
  pairId: string;
  symbol: string;
  trades: PublicTrade[];
  /** Opaque cursor (nanosecond text); pass back as `since` */
  last: string;
}

export interface SpreadEntry {
  /** Unix seconds */
  time: number;
  bid: DecimalText;
  ask: DecimalText;
}

export interface SpreadPage {
  pairId: string;
  symbol: string;
  entries: SpreadEntry[];
  /** Unix seconds; pass as `since` */
  last: number;
}
