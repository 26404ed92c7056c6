/**
 * Options of the WS v2 client (ws-connection.ts, ws-client.ts) and their defaults. Browser-safe.
 */
import type { BackoffOptions } from './ws-backoff';
import { DEFAULT_TOKEN_LIFETIME_MS, DEFAULT_TOKEN_REFRESH_MARGIN_MS } from './ws-token';
import type { TimerApi, WebSocketConstructor } from './ws-types';

export interface KrakenWsClientOptions {
  url: string;
  WebSocket: WebSocketConstructor;
  /** private endpoint: fetches a GetWebSocketsToken token; called before every (re)connect */
  getToken?: () => Promise<string>;
  /** Unix milliseconds (default Date.now) */
  now?: () => number;
  timers?: TimerApi;
  /** uniform in [0, 1), for backoff jitter (default Math.random) */
  random?: () => number;
  /** silence (ms) after which we send an application ping (default 2 000) */
  pingAfterMs?: number;
  /** silence (ms) after which the state is `stale` (default 3 000) */
  staleAfterMs?: number;
  /** silence (ms) after which the connection is treated as dead and replaced (default 5 000) */
  deadAfterMs?: number;
  /** how often (ms) the liveness watchdog looks (default 500) */
  watchdogIntervalMs?: number;
  /** how long (ms) a request waits for its responses (default 10 000) */
  requestTimeoutMs?: number;
  backoff?: BackoffOptions;
  /** a connection that stayed open this long (ms) resets the backoff (default 30 000) */
  stableAfterMs?: number;
  /**
   * how long (ms) a subscribe waits for its ack before it is asked again with unsubscribe + subscribe on the
   * same socket (default 3 000): a request the server swallowed (a stalled feed) is never answered otherwise
   */
  subscribeAckTimeoutMs?: number;
  /** private endpoint: how long the exchange accepts a token for new subscriptions (default 15 min, Kraken's rule) */
  tokenLifetimeMs?: number;
  /** private endpoint: a token older than lifetime − this margin is replaced before subscribing (default 60 000) */
  tokenRefreshMarginMs?: number;
}

export type ResolvedOptions = Required<Omit<KrakenWsClientOptions, 'getToken' | 'backoff'>> & Pick<KrakenWsClientOptions, 'getToken' | 'backoff'>;

export function resolveOptions(options: KrakenWsClientOptions): ResolvedOptions {
  return {
    now: () => Date.now(),
    timers: { setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms), clearTimeout: (h) => globalThis.clearTimeout(h as number) },
    random: Math.random,
    pingAfterMs: 2000,
    staleAfterMs: 3000,
    deadAfterMs: 5000,
    watchdogIntervalMs: 500,
    requestTimeoutMs: 10_000,
    stableAfterMs: 30_000,
    subscribeAckTimeoutMs: 3000,
    tokenLifetimeMs: DEFAULT_TOKEN_LIFETIME_MS,
    tokenRefreshMarginMs: DEFAULT_TOKEN_REFRESH_MARGIN_MS,
    // an explicit `undefined` keeps the default
    ...(Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as KrakenWsClientOptions),
  };
}
