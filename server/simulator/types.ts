/**
 * The seam between the built-in exchange's market side (market data, public REST/WS, control) and its
 * trading side (accounts, matching, private REST/WS). Both halves code against these types only.
 */

/** A tradable pair as the exchange lists it; all numbers that are money stay decimal text. */
export interface PairInfo {
  /** REST result key, e.g. XXBTZUSD or SOLUSD */
  id: string;
  /** REST altname, e.g. XBTUSD */
  altname: string;
  /** WS v1 name, e.g. XBT/USD */
  wsname: string;
  /** WS v2 symbol, e.g. BTC/USD */
  symbol: string;
  /** asset ids as REST shows them, e.g. XXBT / ZUSD */
  base: string;
  quote: string;
  /** common codes as WS v2 shows them, e.g. BTC / USD */
  baseCode: string;
  quoteCode: string;
  pairDecimals: number;
  lotDecimals: number;
  costDecimals: number;
  /** e.g. "0.1" */
  tickSize: string;
  /** minimum volume in base, e.g. "0.00005" */
  ordermin: string;
  /** minimum cost in quote, e.g. "0.5" */
  costmin: string;
  /** fee tiers [volume, percent] as Kraken lists them */
  fees: [number, number][];
  feesMaker: [number, number][];
}

/** A book level as decimal text written with the pair's precision. */
export interface SimLevel {
  price: string;
  qty: string;
}

export interface TopOfBook {
  bid: string;
  ask: string;
  last: string;
}

export type SystemStatus = 'online' | 'maintenance' | 'cancel_only' | 'post_only';

/** What the trading side may ask of the market side. */
export interface MarketView {
  readonly pairs: readonly PairInfo[];
  /** Accepts pair id, altname, wsname or v2 symbol (XBT/BTC and XDG/DOGE both work). */
  resolvePair(input: string): PairInfo | undefined;
  top(pairId: string): TopOfBook;
  /** Best levels of one side: 'asks' ascending, 'bids' descending. */
  levels(pairId: string, side: 'asks' | 'bids', count: number): SimLevel[];
  /**
   * A user's taker order consumed liquidity: remove `qty` at `price` from `side` of the synthetic book,
   * print a public trade (taker side `takerSide`) and update candles/ticker.
   */
  recordTakerFill(pairId: string, takerSide: 'buy' | 'sell', price: string, qty: string, side: 'asks' | 'bids'): void;
  /** A user's resting order was hit by the synthetic flow: print a public trade at that price. */
  recordMakerFill(pairId: string, takerSide: 'buy' | 'sell', price: string, qty: string): void;
  /** Called after every market step (and after control moves) with the pair's new top of book. */
  onTick(listener: (pairId: string, top: TopOfBook) => void): () => void;
  status(): SystemStatus;
  /**
   * Mirror mode (a book the exchange does not own): queue positions of resting orders. Absent, a resting order
   * fills whole when the synthetic flow crosses it.
   */
  readonly queueFills?: QueueFills;
  /** Mirror mode: simulated latency, milliseconds between accepting an order and matching it. */
  readonly matchingDelayMs?: number;
}

/** Queue positions of resting limit orders in a mirrored book (mirror/queue.ts). Quantities are decimal text. */
export interface QueueFills {
  /** the order rests at `price`; `requeue` sends it behind everything shown there (a new iceberg slice) */
  join(orderId: string, pairId: string, side: 'buy' | 'sell', price: string, requeue?: boolean): void;
  /** how much of `wanted` may fill as maker now (consumes it) */
  take(orderId: string, wanted: string): string;
  leave(orderId: string): void;
}

/** Faults injected through the loopback control endpoints that the private REST side must honour. */
export interface FaultSwitches {
  /** true once per armed fault: answer `EService:Unavailable` to this private/public method instead of running it */
  takeUnavailable(method: string): boolean;
  /** true once per armed fault: run this method, then destroy the socket without answering */
  takeLostResponse(method: string): boolean;
}
