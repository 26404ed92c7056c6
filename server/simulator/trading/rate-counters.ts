export type Tier = 'starter' | 'intermediate' | 'pro';

const REST_TIERS: Record<Tier, { max: number; decay: number }> = {
  starter: { max: 15, decay: 0.33 },
  intermediate: { max: 20, decay: 0.5 },
  pro: { max: 20, decay: 1 },
};

const TRADING_TIERS: Record<Tier, { max: number; decay: number }> = {
  starter: { max: 60, decay: 1 },
  intermediate: { max: 125, decay: 2.34 },
  pro: { max: 180, decay: 3.75 },
};

/** Methods that use the matching-engine counter instead of the REST counter. */
const TRADING_METHODS = new Set([
  'AddOrder', 'AddOrderBatch', 'AmendOrder', 'EditOrder', 'CancelOrder', 'CancelAll', 'CancelAllOrdersAfter',
  'CancelOrderBatch',
]);
const HEAVY_METHODS = new Set(['Ledgers', 'QueryLedgers', 'TradesHistory']);

/** A counter that decays linearly with time; `now` is milliseconds. */
class DecayingCounter {
  private value = 0;
  private at = 0;
  constructor(private readonly decayPerSecond: number) {}
  current(now: number): number {
    this.value = Math.max(0, this.value - ((now - this.at) / 1000) * this.decayPerSecond);
    this.at = now;
    return this.value;
  }
  add(amount: number, now: number): void {
    this.value = this.current(now) + amount;
  }
}

/** Per-key REST call counter: +1 per call, +2 for ledger/trade history, trading calls free. */
export class RestCounter {
  private readonly counters = new Map<string, DecayingCounter>();
  private readonly tier: { max: number; decay: number };
  constructor(tier: Tier, private readonly now: () => number) {
    this.tier = REST_TIERS[tier];
  }
  /** Charges one call; false when the call would push the counter over the tier maximum. */
  charge(key: string, method: string): boolean {
    if (TRADING_METHODS.has(method)) return true;
    const cost = HEAVY_METHODS.has(method) ? 2 : 1;
    let counter = this.counters.get(key);
    if (!counter) this.counters.set(key, (counter = new DecayingCounter(this.tier.decay)));
    const t = this.now();
    if (counter.current(t) + cost > this.tier.max) return false;
    counter.add(cost, t);
    return true;
  }
}

/** Kraken's age-dependent cancel/amend penalties, indexed by the age bucket (<5, <10, <15, <45, <90, <300, ≥300 s). */
const AGE_LIMITS = [5, 10, 15, 45, 90, 300];
const AMEND_PENALTY = [3, 2, 1, 0, 0, 0, 0];
const EDIT_PENALTY = [6, 5, 4, 2, 1, 0, 0];
const CANCEL_PENALTY = [8, 6, 5, 4, 2, 1, 0];

function ageBucket(ageMs: number): number {
  const i = AGE_LIMITS.findIndex((limit) => ageMs < limit * 1000);
  return i < 0 ? AGE_LIMITS.length : i;
}

export type TradingAction =
  | { kind: 'add' }
  | { kind: 'batch-add'; count: number }
  | { kind: 'amend'; ageMs: number }
  | { kind: 'edit'; ageMs: number }
  | { kind: 'cancel'; ageMs: number }
  | { kind: 'flat'; amount: number };

/** Fixed part (always charged) and age-dependent part of one trading action. */
export function tradingCost(action: TradingAction): { fixed: number; variable: number } {
  switch (action.kind) {
    case 'add': return { fixed: 1, variable: 0 };
    case 'batch-add': return { fixed: action.count / 2, variable: 0 };
    case 'amend': return { fixed: 1, variable: AMEND_PENALTY[ageBucket(action.ageMs)] ?? 0 };
    case 'edit': return { fixed: 1, variable: EDIT_PENALTY[ageBucket(action.ageMs)] ?? 0 };
    case 'cancel': return { fixed: 0, variable: CANCEL_PENALTY[ageBucket(action.ageMs)] ?? 0 };
    case 'flat': return { fixed: action.amount, variable: 0 };
  }
}

/** Per-pair matching-engine counter shared by REST and WS. */
export class TradingCounter {
  private readonly counters = new Map<string, DecayingCounter>();
  readonly max: number;
  private readonly decay: number;
  constructor(tier: Tier, private readonly now: () => number) {
    this.max = TRADING_TIERS[tier].max;
    this.decay = TRADING_TIERS[tier].decay;
  }
  value(pairId: string): number {
    return this.counter(pairId).current(this.now());
  }
  /**
   * Charges the fixed part on receipt; the whole cost must fit under the threshold for the action to run.
   * Returns false (→ `EOrder:Rate limit exceeded`) when it does not.
   */
  charge(pairId: string, actions: TradingAction[]): boolean {
    const counter = this.counter(pairId);
    const t = this.now();
    let fixed = 0;
    let variable = 0;
    for (const a of actions) {
      const c = tradingCost(a);
      fixed += c.fixed;
      variable += c.variable;
    }
    const before = counter.current(t);
    counter.add(fixed, t);
    if (before + fixed + variable > this.max) return false;
    counter.add(variable, t);
    return true;
  }
  private counter(pairId: string): DecayingCounter {
    let c = this.counters.get(pairId);
    if (!c) this.counters.set(pairId, (c = new DecayingCounter(this.decay)));
    return c;
  }
}
