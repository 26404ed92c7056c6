import { backoffDelay } from '@/lib/kraken/ws-backoff';

/** Reconnect pacing: exponential growth with "equal jitter" so a fleet of tabs does not reconnect in step. */
export interface ReconnectBackoffOptions {
  /** first delay before jitter (ms) */
  baseMs: number;
  /** ceiling before jitter (ms) */
  maxMs: number;
}

export const DEFAULT_BACKOFF: ReconnectBackoffOptions = { baseMs: 500, maxMs: 15_000 };

/**
 * Delay before reconnect attempt `attempt` (0 = first retry): half of min(max, base·2^attempt) fixed,
 * the other half random, so the delay never collapses to zero yet still spreads.
 * @param random a number in [0, 1)
 */
export function reconnectDelay(attempt: number, random: number, options: ReconnectBackoffOptions = DEFAULT_BACKOFF): number {
  return backoffDelay(attempt, () => random, { initialMs: options.baseMs, maxMs: options.maxMs, minMs: 0 });
}
