import type { ExecutionUpdate } from '../../lib/kraken/account-updates';
import type { FeedState } from '../../lib/protocol';
import type { FlowCounters, FlowLimits, Sink } from './connection';
import type { Frame } from './frames';
import type { Upstream, UpstreamKey } from './upstream';

/** The hub's public types (hub.ts holds the implementation). */

export interface HubOptions {
  /** public market data (book, trade, ohlc, ticker) */
  upstream: Upstream;
  /** authenticated upstream for executions and balances; absent → those channels answer `unavailable` */
  privateUpstream?: Upstream;
  limits?: Partial<FlowLimits>;
  /** how long an upstream subscription outlives its last browser (ms), so page reloads do not churn upstream */
  lingerMs?: number;
  /** how often connections that owe a snapshot are checked for having drained (ms) */
  drainCheckMs?: number;
  maxTopicsPerConnection?: number;
  /** Unix ms clock for resync pacing (tests inject one) */
  now?: () => number;
  /** how long a book, trade or ohlc feed waits for its snapshot after (re)subscribing before asking again (ms) */
  snapshotTimeoutMs?: number;
  /** pair precision, when known; otherwise it is read off each book snapshot's text */
  precisionOf?: (symbol: string) => { price: number; qty: number } | undefined;
}

export type SubscribeOutcome =
  | { ok: true }
  | { ok: false; code: 'too_many_subscriptions' | 'unavailable'; message: string };

export interface HubConnection {
  subscribe(key: UpstreamKey): SubscribeOutcome;
  unsubscribe(key: UpstreamKey): void;
  /**
   * The browser has handled `bytes` bytes of frames since it connected (flow control, ACK_EVERY_BYTES);
   * false when that is more than was sent or less than it acknowledged before.
   */
  ack(bytes: number): boolean;
  /** Sends a frame that is not part of any subscription (pong, error). */
  sendDirect(frame: Frame): void;
  /** Detaches from every topic; the transport calls this when its connection ended. */
  close(): void;
}

export interface HubStats extends FlowCounters {
  connections: number;
  /** feed ids that hold an upstream subscription (lingering ones included) */
  feeds: string[];
  /** upstream keys currently wanted, as `upstreamKeyId` would print them */
  upstreamKeys: UpstreamKey[];
  /** single-book resyncs after a checksum mismatch (depth changes not counted) */
  resyncs: number;
  /** resubscribes because a book, trade or ohlc snapshot did not arrive in time */
  snapshotRetries: number;
  /** feed ids still waiting for their snapshot */
  awaitingSnapshot: string[];
  feedState: FeedState;
  /** bytes queued in the most backed-up connection right now, and in all of them */
  bufferedMax: number;
  bufferedTotal: number;
  /** the largest backlog (sent, not yet taken: unacknowledged bytes for browsers that ack) */
  backlogMax: number;
}

export interface Hub {
  connect(sink: Sink): HubConnection;
  /** The shape for one-subscription transports (SSE): connect, subscribe, and undo both. */
  subscribe(key: UpstreamKey, sink: Sink): () => void;
  /** Closes every connection of one member (admin disabled them); returns how many were closed. */
  disconnectMember(memberId: number, code?: number, reason?: string): number;
  readonly feedState: FeedState;
  /**
   * The live book of a symbol someone is watching (for order-impact previews), best `depth` levels per
   * side; undefined when nobody subscribes to it, or it is resyncing, or the upstream is not live, or the
   * book is kept at a smaller depth than asked (it cannot know the levels past its depth).
   */
  bookView(symbol: string, depth?: number): HubBookTop | undefined;
  /** Calls `listener` after every account update (executions or balances) from the private feed. */
  onAccountUpdate(listener: () => void): () => void;
  /**
   * Keeps the account's executions feed subscribed while watched, browsers or not, and hands `watcher` its rows and
   * the private connection's states (the order service's reports, lib/orders/order-reports.ts). Without a private
   * upstream it does nothing. Returns the undo.
   */
  watchExecutions(watcher: ExecutionsWatcher): () => void;
  /**
   * Keeps `symbol`'s book subscribed at `depth` or deeper, browsers or not, so bookView answers at that depth (the
   * order service's previews and placements, lib/orders/book-keeper.ts). Returns the undo.
   */
  holdBook(symbol: string, depth: number): () => void;
  stats(): HubStats;
  close(): Promise<void>;
}

export interface ExecutionsWatcher {
  observe(kind: 'snapshot' | 'update', rows: readonly ExecutionUpdate[]): void;
  connection(state: FeedState): void;
}

/**
 * The hub's verified book as its wire frames carry it ([price, qty] pairs); the Next side receives it as
 * lib/desk-api/book BookView through HubAccess.bookSnapshot (server/services-builder.ts).
 */
export interface HubBookTop {
  /** ascending from the best ask, [price, qty] decimal text */
  asks: [string, string][];
  /** descending from the best bid */
  bids: [string, string][];
  checksum: number;
  pricePrecision: number;
  qtyPrecision: number;
}
