/**
 * createKrakenClient: the Kraken Spot REST client. Pure TypeScript; fetch, clock, nonce source, sleep and random
 * are injected so the same code runs against Kraken, the built-in exchange and unit-test fakes.
 */
import type { PrivateCallGate } from './call-gate';
import { createClockNonceSource, type NonceSource } from './nonce';
import { createRateCounter, type RestRateLimiter, type Tier } from './rate-limit';
import { createContext } from './rest-context';
import type { FetchLike } from './rest-http';
import { createPrivateApi, type KrakenPrivateApi } from './rest-private';
import { createPublicApi, type KrakenPublicApi } from './rest-public';
import { DEFAULT_RETRY, type RetryPolicy } from './retry';

export interface KrakenClientOptions {
  /** e.g. `https://api.kraken.com` or the built-in exchange's URL */
  restUrl: string;
  apiKey?: string;
  /** Base64 secret as Kraken issues it */
  apiSecret?: string;
  /** Defaults to globalThis.fetch */
  fetch?: FetchLike;
  /** Milliseconds since the epoch; defaults to Date.now */
  now?: () => number;
  /** Defaults to a millisecond clock nonce; share one source per key across clients */
  nonce?: NonceSource;
  /**
   * A turn shared by every process using this key (nonce + send order across instances, e.g. PostgreSQL's);
   * when set, `nonce` is not used.
   */
  callGate?: PrivateCallGate;
  /** REST counter tier of the key (default starter) */
  tier?: Tier;
  /** Replaces the process-local rate counter (e.g. one shared by several instances) */
  rateLimiter?: RestRateLimiter;
  /** Waits the given milliseconds; defaults to setTimeout */
  sleep?: (ms: number) => Promise<void>;
  /** Uniform in [0, 1); used for backoff jitter and generated cl_ord_ids */
  random?: () => number;
  /** Milliseconds per HTTP request (default 15000) */
  timeoutMs?: number;
  userAgent?: string;
  retry?: Partial<RetryPolicy>;
  /** Private calls in flight at once (default 1). Above 1 only safe with a Kraken nonce window on the key. */
  maxInFlight?: number;
  /** One-time password source for keys with 2FA on API calls */
  otp?: () => string | undefined;
  /** Seconds from now for AddOrder's `deadline` when the caller gives none (2–60); default none */
  orderDeadlineSeconds?: number;
  /** Milliseconds to wait before looking up an order whose response was lost (default 1000) */
  orderLookupDelayMs?: number;
}

export interface KrakenClient {
  public: KrakenPublicApi;
  private: KrakenPrivateApi;
}

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Builds a client; private calls reject with `invalid_key` when no key is configured. */
export function createKrakenClient(options: KrakenClientOptions): KrakenClient {
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? defaultSleep;
  const fetchImpl = options.fetch ?? ((url, init) => globalThis.fetch(url, init));
  if (options.orderDeadlineSeconds !== undefined && !(options.orderDeadlineSeconds >= 2 && options.orderDeadlineSeconds <= 60)) {
    throw new RangeError('orderDeadlineSeconds must be within 2…60');
  }
  const ctx = createContext({
    restUrl: options.restUrl,
    http: { fetch: fetchImpl, timeoutMs: options.timeoutMs ?? 15_000, userAgent: options.userAgent ?? 'kraken-desk/0.1' },
    retryDeps: { now, sleep, random: options.random ?? Math.random },
    retryPolicy: { ...DEFAULT_RETRY, ...options.retry },
    credentials: options.apiKey && options.apiSecret ? { apiKey: options.apiKey, apiSecret: options.apiSecret } : undefined,
    nonce: options.nonce ?? createClockNonceSource({ now }),
    gate: options.callGate,
    limiter: options.rateLimiter ?? createRateCounter({ tier: options.tier, now, sleep }),
    maxInFlight: options.maxInFlight ?? 1,
    otp: options.otp,
  });
  return {
    public: createPublicApi(ctx),
    private: createPrivateApi(ctx, {
      autoDeadlineSeconds: options.orderDeadlineSeconds,
      lookupDelayMs: options.orderLookupDelayMs ?? 1000,
    }),
  };
}
