/**
 * Remembered WS v2 subscriptions, keyed as Kraken keys them: (channel, symbol) plus depth (book) or
 * interval (ohlc). One subscribe request fans out into one entry per symbol; on reconnect the entries are
 * grouped back into as few requests as possible. Browser-safe.
 */
import type { OhlcInterval } from './rest-public';

export type PublicChannel = 'ticker' | 'book' | 'trade' | 'ohlc' | 'instrument';
export type PrivateChannel = 'executions' | 'balances';
export type SubscribableChannel = PublicChannel | PrivateChannel;
/** Levels per side a book subscription asks for (Kraken's depths; the desk's hub and browsers use the same). */
export type BookDepth = 10 | 25 | 100 | 500 | 1000;

export const PRIVATE_CHANNELS: ReadonlySet<string> = new Set<PrivateChannel>(['executions', 'balances']);
/** Channels subscribed without a symbol list. */
const SYMBOL_FREE: ReadonlySet<string> = new Set<SubscribableChannel>(['instrument', 'executions', 'balances']);
const CHANNELS: ReadonlySet<string> = new Set<SubscribableChannel>(['ticker', 'book', 'trade', 'ohlc', 'instrument', 'executions', 'balances']);

/** `params` of a v2 subscribe request (without `token`, which the client adds for private channels). */
export interface SubscribeParams {
  channel: SubscribableChannel;
  /** v2 symbols such as `BTC/USD`; omitted for instrument, executions and balances */
  symbol?: string[];
  depth?: BookDepth;
  interval?: OhlcInterval;
  snapshot?: boolean;
  event_trigger?: 'trades' | 'bbo';
  /** channel-specific extras such as `snap_orders`, `snap_trades`, `order_status`, `ratecounter` */
  [param: string]: unknown;
}

/** Key params of an unsubscribe: the same (channel, symbol, depth|interval) as the subscription. */
export type UnsubscribeParams = Pick<SubscribeParams, 'channel' | 'symbol' | 'depth' | 'interval'>;

export interface SubscriptionEntry {
  key: string;
  channel: SubscribableChannel;
  symbol: string | undefined;
  /** the subscribe params other than `symbol` and `token` */
  params: Readonly<Record<string, unknown>>;
  /** true once the server acknowledged it on the current socket */
  acked: boolean;
  /** private channels: already asked again with a new token after `EAPI:Invalid token` (only once) */
  tokenRetried?: boolean;
}

/** `channel|symbol|depth-or-interval`, e.g. `book|BTC/USD|10`, `ohlc|ETH/USD|5`, `executions||`. */
function entryKey(channel: string, symbol: string | undefined, depth?: unknown, interval?: unknown): string {
  const extra = channel === 'book' ? (depth ?? 10) : channel === 'ohlc' ? (interval ?? 1) : '';
  return `${channel}|${symbol ?? ''}|${String(extra)}`;
}

/** Checks a subscribe/unsubscribe request's shape; returns an error message or undefined. */
export function checkParams(params: UnsubscribeParams): string | undefined {
  if (!CHANNELS.has(params.channel)) return `unknown channel ${JSON.stringify(params.channel)}`;
  if (SYMBOL_FREE.has(params.channel)) {
    return params.symbol === undefined ? undefined : `channel ${params.channel} takes no symbol`;
  }
  const symbols = params.symbol;
  if (!Array.isArray(symbols) || symbols.length === 0 || symbols.some((s) => typeof s !== 'string' || s === '')) {
    return `channel ${params.channel} needs a non-empty symbol array`;
  }
  return undefined;
}

/** Splits a (checked) request into one entry per symbol. */
export function entriesOf(params: SubscribeParams): SubscriptionEntry[] {
  const { symbol: symbols, token: _token, ...rest } = params;
  const list = symbols ?? [undefined];
  return list.map((symbol) => ({
    key: entryKey(params.channel, symbol, params.depth, params.interval),
    channel: params.channel,
    symbol,
    params: rest,
    acked: false,
  }));
}

/**
 * Groups entries with identical params into subscribe requests (symbols merged).
 * @param forceSnapshot set `snapshot: true` on public channels (used after a reconnect)
 */
export function groupEntries(entries: readonly SubscriptionEntry[], forceSnapshot: boolean): { params: SubscribeParams; entries: SubscriptionEntry[] }[] {
  const groups = new Map<string, { params: SubscribeParams; entries: SubscriptionEntry[] }>();
  for (const entry of entries) {
    const params: Record<string, unknown> = { ...entry.params };
    if (forceSnapshot && !PRIVATE_CHANNELS.has(entry.channel)) params.snapshot = true;
    const id = JSON.stringify(Object.entries(params).sort(([a], [b]) => (a < b ? -1 : 1)));
    let group = groups.get(id);
    if (!group) groups.set(id, (group = { params: params as SubscribeParams, entries: [] }));
    group.entries.push(entry);
  }
  for (const group of groups.values()) {
    const symbols = group.entries.flatMap((e) => (e.symbol === undefined ? [] : [e.symbol]));
    if (symbols.length > 0) group.params = { ...group.params, symbol: symbols };
  }
  return [...groups.values()];
}

/** The params of an unsubscribe for one entry: only what keys the subscription. */
export function unsubscribeParams(entries: readonly SubscriptionEntry[]): UnsubscribeParams {
  const first = entries[0];
  if (!first) throw new RangeError('no entries');
  const out: UnsubscribeParams = { channel: first.channel };
  const symbols = entries.flatMap((e) => (e.symbol === undefined ? [] : [e.symbol]));
  if (symbols.length > 0) out.symbol = symbols;
  if (first.channel === 'book' && first.params.depth !== undefined) out.depth = first.params.depth as BookDepth;
  if (first.channel === 'ohlc' && first.params.interval !== undefined) out.interval = first.params.interval as OhlcInterval;
  return out;
}
