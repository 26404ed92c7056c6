/**
 * Kraken's error strings mapped to stable codes. Kraken signals failure with HTTP 200 and an `error` array of
 * `<severity><category>:<description>` strings; `W…` strings are warnings and never fail a call.
 */

import { CLASS_BRAND, isBrandedInstance } from '../class-brand';

export type KrakenErrorCode =
  | 'invalid_nonce' | 'invalid_key' | 'invalid_signature' | 'permission_denied'
  | 'rate_limited' | 'trading_rate_limited' | 'throttled'
  | 'insufficient_funds' | 'order_minimum' | 'cost_minimum' | 'tick_size' | 'invalid_price'
  | 'invalid_arguments' | 'unknown_pair' | 'unknown_order' | 'invalid_order'
  | 'unavailable' | 'busy' | 'market_cancel_only' | 'market_post_only' | 'deadline_elapsed'
  | 'temporary_lockout' | 'invalid_token' | 'unknown_method'
  | 'http_error' | 'network_error' | 'timeout' | 'bad_response' | 'unknown_outcome' | 'internal' | 'unknown';

/** Codes after which repeating a *safe read* (public call or private query) can succeed. */
const RETRYABLE: ReadonlySet<KrakenErrorCode> = new Set<KrakenErrorCode>([
  'unavailable', 'busy', 'throttled', 'rate_limited', 'network_error', 'timeout',
]);

export interface KrakenErrorOptions {
  krakenErrors?: readonly string[];
  /** Unix seconds before which Kraken asked us not to retry (`EService:Throttled: <ts>`). */
  retryAfter?: number;
  httpStatus?: number;
  cause?: unknown;
  /** For AddOrder failures: `'not_placed'` once a lookup proved the order does not exist. */
  orderOutcome?: 'not_placed';
}

/**
 * A failed Kraken call: `code` is stable for programs, `krakenErrors` keeps Kraken's own strings.
 * `instanceof KrakenError` holds across bundles (the shared client's errors reach every bundle: lib/class-brand.ts).
 */
export class KrakenError extends Error {
  static readonly [CLASS_BRAND]: string = 'kraken-desk:KrakenError';
  static [Symbol.hasInstance](value: unknown): boolean {
    return isBrandedInstance(this, value);
  }

  readonly code: KrakenErrorCode;
  readonly krakenErrors: string[];
  /** True when repeating a safe read may succeed; never a licence to resend an order. */
  readonly retryable: boolean;
  /** Unix seconds; set for `EService:Throttled: <ts>`. */
  readonly retryAfter: number | undefined;
  readonly httpStatus: number | undefined;
  /** `'not_placed'` when a lost AddOrder response was resolved by lookup and no order exists. */
  readonly orderOutcome: 'not_placed' | undefined;

  constructor(code: KrakenErrorCode, message: string, options: KrakenErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KrakenError';
    this.code = code;
    this.krakenErrors = [...(options.krakenErrors ?? [])];
    this.retryAfter = options.retryAfter;
    this.httpStatus = options.httpStatus;
    this.orderOutcome = options.orderOutcome;
    this.retryable = RETRYABLE.has(code) || (code === 'http_error' && isRetryableStatus(options.httpStatus));
  }
}

function isRetryableStatus(status: number | undefined): boolean {
  return status !== undefined && (status >= 500 || status === 429 || status === 408);
}

/** Ordered most-specific first: the first pattern found (as prefix or substring, any case) wins. */
const PATTERNS: readonly (readonly [string, KrakenErrorCode])[] = [
  ['EAPI:Invalid nonce', 'invalid_nonce'],
  ['EAPI:Invalid key', 'invalid_key'],
  ['EAPI:Invalid signature', 'invalid_signature'],
  ['EAPI:Invalid token', 'invalid_token'],
  ['ESession:Invalid session', 'invalid_token'],
  ['EAPI:Rate limit exceeded', 'rate_limited'],
  ['EAuth:Rate limit exceeded', 'rate_limited'],
  ['EAuth:Too many requests', 'rate_limited'],
  ['EGeneral:Too many requests', 'rate_limited'],
  ['EOrder:Domain rate limit exceeded', 'trading_rate_limited'],
  ['EOrder:Rate limit exceeded', 'trading_rate_limited'],
  ['EService:Throttled', 'throttled'],
  ['EGeneral:Permission denied', 'permission_denied'],
  ['EAccount:Invalid permissions', 'permission_denied'],
  ['EGeneral:Temporary lockout', 'temporary_lockout'],
  ['EGeneral:Unknown method', 'unknown_method'],
  ['EGeneral:Internal error', 'internal'],
  ['EDatabase:Internal error', 'internal'],
  ['EGeneral:Invalid arguments', 'invalid_arguments'],
  ['EAPI:Bad request', 'invalid_arguments'],
  ['EOrder:Insufficient funds', 'insufficient_funds'],
  ['EOrder:Insufficient margin', 'insufficient_funds'],
  ['EOrder:Order minimum not met', 'order_minimum'],
  ['EOrder:Cost minimum not met', 'cost_minimum'],
  ['EOrder:Tick size check failed', 'tick_size'],
  ['EOrder:Invalid price', 'invalid_price'],
  ['EOrder:Unknown order', 'unknown_order'],
  ['EOrder:Invalid order', 'invalid_order'],
  ['EQuery:Unknown asset pair', 'unknown_pair'],
  ['EQuery:Invalid asset pair', 'unknown_pair'],
  ['EQuery:Unknown asset', 'unknown_pair'],
  ['EService:Unavailable', 'unavailable'],
  ['EService:Busy', 'busy'],
  ['EService:Market in cancel_only mode', 'market_cancel_only'],
  ['EService:Market in post_only mode', 'market_post_only'],
  ['EService:Deadline elapsed', 'deadline_elapsed'],
  // Any other order rejection (orders limit, margin, reduce-only, limit_only market…) is still a refused order.
  ['EOrder:', 'invalid_order'],
  ['EService:Market in', 'invalid_order'],
  ['ETrade:', 'invalid_order'],
];

/** True for Kraken warning strings (`W…`), which accompany successful results. */
export function isWarning(text: string): boolean {
  return text.startsWith('W');
}

/** Maps one Kraken error string (e.g. `EOrder:Insufficient funds (insufficient user funds)`) to a code. */
export function codeForKrakenString(text: string): KrakenErrorCode {
  const lower = text.trim().toLowerCase();
  for (const [pattern, code] of PATTERNS) {
    if (lower.includes(pattern.toLowerCase())) return code;
  }
  return 'unknown';
}

/** Parses the Unix-seconds timestamp of `EService:Throttled: <ts>`. */
function throttledUntil(text: string): number | undefined {
  const match = /EService:Throttled:\s*(\d+(?:\.\d+)?)/i.exec(text);
  return match ? Number(match[1]) : undefined;
}

/**
 * Turns a REST `error` array into a KrakenError, or `undefined` when it holds no errors (warnings only).
 * The first error string decides the code; all strings are kept in `krakenErrors`.
 */
export function parseKrakenError(strings: readonly string[]): KrakenError | undefined {
  const errors = strings.filter((s) => !isWarning(s));
  const first = errors[0];
  if (first === undefined) return undefined;
  return new KrakenError(codeForKrakenString(first), errors.join('; '), {
    krakenErrors: strings,
    retryAfter: throttledUntil(first),
  });
}

/** An HTTP status that is not 200: the request did not reach or complete at Kraken. */
export function httpError(status: number, statusText = ''): KrakenError {
  return new KrakenError('http_error', `HTTP ${status}${statusText ? ` ${statusText}` : ''}`, { httpStatus: status });
}

/** The connection failed before a response arrived. */
export function networkError(cause: unknown): KrakenError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new KrakenError('network_error', `network error: ${detail}`, { cause });
}

/** No response within the deadline. @param ms the timeout that elapsed, in milliseconds */
export function timeoutError(ms: number): KrakenError {
  return new KrakenError('timeout', `no response within ${ms} ms`);
}

/** The response was not the shape Kraken documents. */
export function badResponse(detail: string, cause?: unknown): KrakenError {
  return new KrakenError('bad_response', `unexpected response: ${detail}`, { cause });
}

/** Type guard for KrakenError, also across duplicated module instances (KrakenError's brand). */
export function isKrakenError(value: unknown): value is KrakenError {
  return value instanceof KrakenError;
}
