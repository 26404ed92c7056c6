/**
 * Nonces for private REST calls. Kraken requires a strictly increasing unsigned 64-bit integer per API key and
 * never lets a key go back to a smaller scale, so the source is "max(clock, last + 1)" kept as BigInt text.
 */

/** Hands out nonces for one API key. Async so a shared (multi-instance) implementation can sit behind it. */
export interface NonceSource {
  /** The next nonce as decimal text, strictly greater than every nonce this source returned before. */
  next(): string | Promise<string>;
}

/** Units of the clock part; never change it for a key Kraken has already seen (smaller scales fail forever). */
export type NonceScale = 'ms' | 'us' | 'ns';

const SCALE_FROM_MS: Record<NonceScale, bigint> = { ms: 1n, us: 1000n, ns: 1_000_000n };

export interface ClockNonceOptions {
  /** Wall clock in milliseconds since the epoch; defaults to Date.now. */
  now?: () => number;
  /** Default `'ms'`, as ccxt and most clients use. */
  scale?: NonceScale;
  /** Nonce text to continue after (e.g. persisted from a previous process); the first nonce is greater. */
  after?: string;
}

/**
 * A process-local nonce source: clock-based, strictly increasing even when the clock steps back
 * or many nonces are drawn within the same millisecond.
 */
export function createClockNonceSource(options: ClockNonceOptions = {}): NonceSource & { last(): string } {
  const now = options.now ?? Date.now;
  const factor = SCALE_FROM_MS[options.scale ?? 'ms'];
  if (options.after !== undefined && !/^\d+$/.test(options.after)) throw new RangeError(`bad nonce: ${options.after}`);
  let last = options.after === undefined ? 0n : BigInt(options.after);
  return {
    next(): string {
      const clock = BigInt(Math.max(0, Math.floor(now()))) * factor;
      last = clock > last ? clock : last + 1n;
      return last.toString();
    },
    last: () => last.toString(),
  };
}
