/**
 * Retries for safe reads only (public calls and private queries): jittered exponential backoff, bounded attempts,
 * honouring `EService:Throttled: <ts>`. Orders are never retried through this.
 */
import { isKrakenError, KrakenError } from './errors';
import { backoffDelay } from './ws-backoff';

export interface RetryPolicy {
  /** Total attempts including the first; default 4 */
  attempts: number;
  /** First backoff in milliseconds; default 250 */
  baseDelayMs: number;
  /** Backoff ceiling in milliseconds; default 4000 */
  maxDelayMs: number;
  /** Longest `Throttled` wait we accept before giving up, in milliseconds; default 30000 */
  maxThrottleWaitMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 4, baseDelayMs: 250, maxDelayMs: 4000, maxThrottleWaitMs: 30_000 };

export interface RetryDeps {
  sleep: (ms: number) => Promise<void>;
  /** Uniform in [0, 1) */
  random: () => number;
  /** Milliseconds since the epoch */
  now: () => number;
}

/** Backoff before retry number `retry` (0-based): half fixed, half random ("equal jitter"). */
export function backoffMs(retry: number, policy: RetryPolicy, random: () => number): number {
  return backoffDelay(retry, random, { initialMs: policy.baseDelayMs, maxMs: policy.maxDelayMs, minMs: 0 });
}

/** Runs `attempt` until it succeeds, fails with a non-retryable error, or the attempts run out. */
export async function withRetry<T>(attempt: () => Promise<T>, deps: RetryDeps, policy: RetryPolicy = DEFAULT_RETRY): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isKrakenError(error) || !error.retryable || retry + 1 >= policy.attempts) throw error;
      await deps.sleep(waitBefore(error, retry, policy, deps));
    }
  }
}

function waitBefore(error: KrakenError, retry: number, policy: RetryPolicy, deps: RetryDeps): number {
  const backoff = backoffMs(retry, policy, deps.random);
  if (error.retryAfter === undefined) return backoff;
  const throttle = error.retryAfter * 1000 - deps.now();
  if (throttle > policy.maxThrottleWaitMs) throw error;
  return Math.max(backoff, throttle);
}
