import type { BalanceUpdate, ExecutionUpdate } from '../../lib/kraken/account-updates';
import type { TextLevel } from '../../lib/kraken/checksum';
import type { MarketCandle, MarketTicker, MarketTrade } from '../../lib/kraken/market-updates';
import type { ExchangeStatus } from '../../lib/kraken/types';
import type { FeedState } from '../../lib/protocol';

/**
 * The seam between the hub and one upstream Kraken WS v2 connection. The hub only ever talks to this
 * interface, so unit tests drive it with a fake and the real adapter (kraken-upstream.ts) wraps the
 * shared WS client from lib/kraken. Numbers arrive as decimal text exactly as the wire printed them.
 */

export type UpstreamKey =
  | { channel: 'book'; symbol: string; depth: number }
  | { channel: 'ohlc'; symbol: string; interval: number }
  | { channel: 'trade' | 'ticker'; symbol: string }
  | { channel: 'executions' | 'balances' };

type Kind = 'snapshot' | 'update';

/** One channel message from upstream, reshaped (still decimal text, never floats). */
export type UpstreamData =
  | { channel: 'book'; type: Kind; symbol: string; asks: TextLevel[]; bids: TextLevel[]; checksum: number }
  | { channel: 'trade'; type: Kind; symbol: string; trades: MarketTrade[] }
  | { channel: 'ohlc'; type: Kind; symbol: string; interval: number; candles: MarketCandle[] }
  | { channel: 'ticker'; type: Kind; symbol: string; ticker: MarketTicker }
  | { channel: 'executions'; type: Kind; data: ExecutionUpdate[]; sequence?: number }
  | { channel: 'balances'; type: Kind; data: BalanceUpdate[]; sequence?: number };

export interface UpstreamListener {
  /** connection state; the upstream resubscribes everything itself after a reconnect */
  state(state: FeedState): void;
  /** exchange engine status from the `status` channel */
  exchange(status: ExchangeStatus): void;
  data(message: UpstreamData): void;
  /** the exchange refused a subscription (e.g. unknown symbol); the upstream has forgotten it */
  rejected(key: UpstreamKey, reason: string): void;
}

/** One upstream WS v2 connection shared by every browser. */
export interface Upstream {
  /** Adds `key` to the desired set (idempotent); connects lazily on the first key. */
  subscribe(key: UpstreamKey): void;
  /** Removes `key` from the desired set and unsubscribes upstream. */
  unsubscribe(key: UpstreamKey): void;
  /** Drops and re-requests one subscription to get a fresh snapshot (after a checksum mismatch). */
  resubscribe(key: UpstreamKey): void;
  listen(listener: UpstreamListener): () => void;
  readonly state: FeedState;
  close(): Promise<void>;
}

/** Stable id of an upstream subscription, e.g. `book:BTC/USD:25`, same shape as lib/protocol subscriptionKey. */
export function upstreamKeyId(key: UpstreamKey): string {
  if (key.channel === 'book') return `book:${key.symbol}:${key.depth}`;
  if (key.channel === 'ohlc') return `ohlc:${key.symbol}:${key.interval}`;
  if (key.channel === 'trade' || key.channel === 'ticker') return `${key.channel}:${key.symbol}`;
  return key.channel;
}
