/**
 * Validation of public WS v2 requests. Kraken answers problems with a single error string; these are the
 * strings it uses where known (`Currency pair not supported BTC/XYZ`, `Already subscribed`, …).
 */
import { isInterval, type Interval } from './candles';
import { type ListedPair, PAIRS, resolvePair } from './markets';
import type { Listing } from './rest-params';

export const BOOK_DEPTHS = [10, 25, 100, 500, 1000] as const;
export type Channel = 'book' | 'ticker' | 'trade' | 'ohlc' | 'instrument';
const CHANNELS: readonly string[] = ['book', 'ticker', 'trade', 'ohlc', 'instrument'];

/** One validated (un)subscribe request, before per-symbol checks. */
export interface SubscriptionRequest {
  channel: Channel;
  /** as sent, in order; empty for instrument */
  symbols: string[];
  depth: number;
  interval: Interval;
  eventTrigger: 'trades' | 'bbo';
  snapshot: boolean;
}

export class RequestError extends Error {}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Parses `params` of subscribe/unsubscribe; throws RequestError with Kraken's wording. */
export function parseSubscription(params: unknown, method: 'subscribe' | 'unsubscribe'): SubscriptionRequest {
  if (!isObject(params)) throw new RequestError('Invalid params: params must be an object');
  const channel = params.channel;
  if (typeof channel !== 'string' || !CHANNELS.includes(channel)) throw new RequestError('Subscription name invalid');
  const request: SubscriptionRequest = {
    channel: channel as Channel,
    symbols: [],
    depth: 10,
    interval: 1,
    eventTrigger: 'trades',
    snapshot: channel !== 'trade',
  };
  if (channel !== 'instrument') {
    const symbols = params.symbol;
    if (symbols === undefined) throw new RequestError('Symbol(s) not found');
    if (!Array.isArray(symbols) || symbols.length === 0 || symbols.some((s) => typeof s !== 'string')) {
      throw new RequestError('Invalid params: symbol must be a non-empty array of strings');
    }
    request.symbols = symbols as string[];
  }
  if (params.depth !== undefined) {
    if (channel !== 'book' || !(BOOK_DEPTHS as readonly unknown[]).includes(params.depth)) throw new RequestError('Subscription depth not supported');
    request.depth = params.depth as number;
  }
  if (params.interval !== undefined) {
    if (channel !== 'ohlc' || typeof params.interval !== 'number' || !isInterval(params.interval)) {
      throw new RequestError('Subscription ohlc interval not supported');
    }
    request.interval = params.interval;
  }
  if (params.event_trigger !== undefined) {
    if (method !== 'subscribe' || channel !== 'ticker' || (params.event_trigger !== 'trades' && params.event_trigger !== 'bbo')) {
      throw new RequestError('Invalid params: event_trigger');
    }
    request.eventTrigger = params.event_trigger;
  }
  if (params.snapshot !== undefined) {
    if (method !== 'subscribe' || typeof params.snapshot !== 'boolean') throw new RequestError('Invalid params: snapshot');
    request.snapshot = params.snapshot;
  }
  return request;
}

/** Subscription key: (channel, pair) plus depth (book) or interval (ohlc), as Kraken keys them. */
export function subscriptionKey(request: SubscriptionRequest, pair: ListedPair | undefined): string {
  if (request.channel === 'instrument' || !pair) return 'instrument';
  if (request.channel === 'book') return `book|${pair.id}|${request.depth}`;
  if (request.channel === 'ohlc') return `ohlc|${pair.id}|${request.interval}`;
  return `${request.channel}|${pair.id}`;
}

/** v2 symbols only look like `BTC/USD`; REST-style names are not v2 symbols, but we accept any listed name. */
export function resolveSymbol(symbol: string, listing: Listing = { pairs: PAIRS, resolvePair }): ListedPair | undefined {
  return listing.resolvePair(symbol);
}
