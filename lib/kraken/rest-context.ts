/**
 * The plumbing every endpoint shares: public GETs and private reads with retries, private writes sent exactly once,
 * and the cached SymbolMap used to turn any pair name into what Kraken expects.
 */
import { KrakenError } from './errors';
import { toAssetPairs } from './mappers-public';
import type { PrivateCallGate } from './call-gate';
import type { NonceSource } from './nonce';
import { createPrivateQueue, type PrivateQueue } from './private-queue';
import type { RestRateLimiter } from './rate-limit';
import { encodeForm, joinUrl, sendKrakenRequest, type HttpConfig } from './rest-http';
import { withRetry, type RetryDeps, type RetryPolicy } from './retry';
import { assetPairsResult, parseResult } from './schemas';
import { SymbolMap, symbolToAltname, urlToSymbol } from './symbols';
import type { AssetPair } from './types';

export type Params = Readonly<Record<string, string | undefined>>;

export interface ContextConfig {
  restUrl: string;
  http: HttpConfig;
  retryDeps: RetryDeps;
  retryPolicy: RetryPolicy;
  credentials: { apiKey: string; apiSecret: string } | undefined;
  nonce: NonceSource;
  gate: PrivateCallGate | undefined;
  limiter: RestRateLimiter;
  maxInFlight: number;
  otp: (() => string | undefined) | undefined;
}

export interface ClientContext {
  readonly retryDeps: RetryDeps;
  /** GET /0/public/<method>, retried on transient failures. */
  publicGet(method: string, params?: Params): Promise<unknown>;
  /** Signed private query, retried on transient failures; every attempt carries a fresh nonce. */
  privateRead(method: string, params?: Params): Promise<unknown>;
  /** Signed private call with side effects: sent once, never retried here. */
  privateWrite(method: string, params?: Params): Promise<unknown>;
  /** AssetPairs as a SymbolMap, loaded once; undefined while it cannot be loaded. */
  symbols(): Promise<SymbolMap | undefined>;
  /** Forgets the cached SymbolMap (new listings). */
  refreshSymbols(): void;
  /** The pair name to send and the listed pair, for any name the app uses (BTC/USD, BTC-USD, XBTUSD, XXBTZUSD). */
  pairParam(name: string): Promise<{ param: string; pair: AssetPair | undefined; map: SymbolMap | undefined }>;
}

/** Wires HTTP, retries, the per-key private queue and the SymbolMap cache for one client. */
export function createContext(config: ContextConfig): ClientContext {
  const queue: PrivateQueue | undefined = config.credentials && createPrivateQueue({
    ...config.credentials,
    nonce: config.nonce,
    gate: config.gate,
    limiter: config.limiter,
    maxInFlight: config.maxInFlight,
    otp: config.otp,
    send: (path, body, headers) => sendKrakenRequest(config.http, joinUrl(config.restUrl, path), { method: 'POST', headers, body }),
  });
  let symbolsLoad: Promise<SymbolMap> | undefined;

  function requireQueue(): PrivateQueue {
    if (!queue) throw new KrakenError('invalid_key', 'no Kraken API key configured');
    return queue;
  }

  function publicGet(method: string, params: Params = {}): Promise<unknown> {
    const query = encodeForm(params);
    const url = joinUrl(config.restUrl, `/0/public/${method}${query ? `?${query}` : ''}`);
    return withRetry(() => sendKrakenRequest(config.http, url, { method: 'GET' }).outcome, config.retryDeps, config.retryPolicy);
  }

  async function symbols(): Promise<SymbolMap | undefined> {
    symbolsLoad ??= publicGet('AssetPairs').then((raw) => new SymbolMap(toAssetPairs(parseResult(assetPairsResult, raw, 'AssetPairs'))));
    try {
      return await symbolsLoad;
    } catch {
      symbolsLoad = undefined;
      return undefined;
    }
  }

  return {
    retryDeps: config.retryDeps,
    publicGet,
    privateRead: async (method, params = {}) => {
      const q = requireQueue();
      return withRetry(() => q.call(method, params), config.retryDeps, config.retryPolicy);
    },
    privateWrite: async (method, params = {}) => requireQueue().call(method, params),
    symbols,
    refreshSymbols: () => { symbolsLoad = undefined; },
    async pairParam(name) {
      const map = await symbols();
      const pair = map?.resolve(name);
      if (pair) return { param: pair.pairId, pair, map };
      const symbol = name.includes('/') ? name : urlToSymbol(name);
      return { param: symbol ? symbolToAltname(symbol.toUpperCase()) : name, pair: undefined, map };
    },
  };
}
