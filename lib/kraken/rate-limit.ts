/**
 * A model of Kraken's per-key REST call counter (see callCost and TIER_LIMITS below). Instead of letting calls
 * fail with `EAPI:Rate limit exceeded`, `acquire` waits until the call fits, so callers are paced, never rejected.
 */

export type Tier = 'starter' | 'intermediate' | 'pro';

export interface TierLimits {
  /** Counter maximum */
  max: number;
  /** Decay in counter units per second */
  decayPerSecond: number;
}

export const TIER_LIMITS: Readonly<Record<Tier, TierLimits>> = {
  starter: { max: 15, decayPerSecond: 0.33 },
  intermediate: { max: 20, decayPerSecond: 0.5 },
  pro: { max: 20, decayPerSecond: 1 },
};

/** Trading calls use the matching engine's per-pair limiter, not this counter. */
const TRADING_METHODS = new Set([
  'AddOrder', 'AddOrderBatch', 'AmendOrder', 'EditOrder', 'CancelOrder', 'CancelAll', 'CancelAllOrdersAfter',
  'CancelOrderBatch',
]);
/** History calls Kraken charges double (the names Kraken's own CLI lists). */
const DOUBLE_COST_METHODS = new Set(['Ledgers', 'QueryLedgers', 'TradesHistory']);

/** What one private call adds to the REST counter: 0 for trading calls, 2 for history calls, else 1. */
export function callCost(method: string): 0 | 1 | 2 {
  if (TRADING_METHODS.has(method)) return 0;
  return DOUBLE_COST_METHODS.has(method) ? 2 : 1;
}

/** Paces private calls of one API key. An interface so a shared counter can coordinate instances later. */
export interface RestRateLimiter {
  /** Resolves once the call fits under the counter, having charged it. @param method e.g. `Ledgers` */
  acquire(method: string): Promise<void>;
  /** Kraken answered `EAPI:Rate limit exceeded` anyway: from now on treat the counter as full. */
  markExceeded(): void;
}

export interface RateCounterOptions {
  tier?: Tier;
  /** Milliseconds since the epoch; defaults to Date.now. */
  now?: () => number;
  /** Waits the given milliseconds; defaults to setTimeout. */
  sleep?: (ms: number) => Promise<void>;
  /** Counter units kept free as a margin for clock differences; default 0. */
  headroom?: number;
}

/** A process-local model of the counter; callers that arrive together are served in arrival order. */
export function createRateCounter(options: RateCounterOptions = {}): RestRateLimiter & { level(): number } {
  const { max, decayPerSecond } = TIER_LIMITS[options.tier ?? 'starter'];
  const now = options.now ?? Date.now;
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const ceiling = max - (options.headroom ?? 0);
  let level = 0;
  let updatedAt = now();
  let queue: Promise<void> = Promise.resolve();

  function decay(): void {
    const t = now();
    level = Math.max(0, level - ((t - updatedAt) / 1000) * decayPerSecond);
    updatedAt = t;
  }

  async function waitAndCharge(cost: number): Promise<void> {
    for (;;) {
      decay();
      if (level + cost <= ceiling) {
        level += cost;
        return;
      }
      await sleep(Math.ceil(((level + cost - ceiling) / decayPerSecond) * 1000));
    }
  }

  return {
    acquire(method: string): Promise<void> {
      const cost = callCost(method);
      if (cost === 0) return Promise.resolve();
      const turn = queue.then(() => waitAndCharge(cost));
      queue = turn.catch(() => undefined);
      return turn;
    },
    markExceeded(): void {
      decay();
      level = max;
    },
    level(): number {
      decay();
      return level;
    },
  };
}
