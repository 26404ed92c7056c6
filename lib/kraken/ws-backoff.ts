/**
 * The desk's one backoff formula: the WS client's reconnects (here), the REST retries of safe reads
 * (retry.ts) and the browser's reconnects to the hub (lib/feed/backoff.ts) all pace through it. Browser-safe.
 */

export interface BackoffOptions {
  /** first delay and lower bound, milliseconds (default 1 000) */
  initialMs?: number;
  /** upper bound, milliseconds (default 60 000) */
  maxMs?: number;
  /** lower bound, milliseconds (default initialMs; 0 lets the first delay fall to initialMs / 2) */
  minMs?: number;
}

/**
 * Exponential backoff with "equal jitter": the ceiling doubles per attempt (capped at maxMs) and the delay is
 * uniform in [ceiling/2, ceiling], never below minMs (default initialMs). Attempt 0 → 1 s, 1 → 1–2 s, … , then 30–60 s.
 * @param attempt reconnect attempts so far (0 for the first)
 * @param random uniform in [0, 1)
 * @returns milliseconds to wait
 */
export function backoffDelay(attempt: number, random: () => number, options: BackoffOptions = {}): number {
  const initialMs = options.initialMs ?? 1000;
  const maxMs = options.maxMs ?? 60_000;
  const ceiling = backoffCeiling(attempt, initialMs, maxMs);
  const jittered = ceiling / 2 + (random() * ceiling) / 2;
  return Math.round(Math.min(maxMs, Math.max(options.minMs ?? initialMs, jittered)));
}

/**
 * The doubling without jitter: `initialMs × 2^attempt`, capped at `maxMs`. For waits that must be exact
 * (the hub's snapshot watchdog and resync pacing, which tests step through on a clock).
 */
export function backoffCeiling(attempt: number, initialMs: number, maxMs: number): number {
  return Math.min(maxMs, initialMs * 2 ** Math.min(Math.max(attempt, 0), 30));
}
