/**
 * The desk's model of Kraken's per-pair trading rate counter ("Spot Trading Limits"): every order adds 1, an amend
 * adds 1 plus a penalty when the order is young, a cancel a penalty by the order's age; the counter decays by tier,
 * and past the tier's threshold Kraken answers `EOrder:Rate limit exceeded` for the whole API key on that pair.
 * The team shares one key, so one member's burst would lock the pair for everyone: the desk refuses locally before
 * the next order would cross the threshold (less some headroom), and gives each member only a share of it.
 * Pure: the clock is injected. The same tables as the built-in exchange (server/simulator/trading/rate-counters.ts).
 */
import { CLASS_BRAND } from '../class-brand';
import { AppError } from '../errors';

export type TradingTier = 'starter' | 'intermediate' | 'pro';

/** Kraken's per-pair threshold and decay (units per second) by verification tier. */
export const TRADING_TIERS: Readonly<Record<TradingTier, { max: number; decayPerSecond: number }>> = {
  starter: { max: 60, decayPerSecond: 1 },
  intermediate: { max: 125, decayPerSecond: 2.34 },
  pro: { max: 180, decayPerSecond: 3.75 },
};

/** Penalties by the order's age since it was placed or last amended: < 5, 10, 15, 45, 90, 300 s, then none. */
const AGE_LIMITS_S = [5, 10, 15, 45, 90, 300];
const AMEND_PENALTY = [3, 2, 1, 0, 0, 0, 0];
const CANCEL_PENALTY = [8, 6, 5, 4, 2, 1, 0];

export type TradingAction = { kind: 'add' } | { kind: 'amend'; ageMs: number } | { kind: 'cancel'; ageMs: number };

function ageBucket(ageMs: number): number {
  const i = AGE_LIMITS_S.findIndex((limit) => ageMs < limit * 1000);
  return i < 0 ? AGE_LIMITS_S.length : i;
}

/** What one action adds to the pair's counter. */
export function actionCost(action: TradingAction): number {
  if (action.kind === 'add') return 1;
  if (action.kind === 'amend') return 1 + (AMEND_PENALTY[ageBucket(action.ageMs)] ?? 0);
  return CANCEL_PENALTY[ageBucket(action.ageMs)] ?? 0;
}

/** A level that decays linearly with time (the shape of every Kraken counter). @param now Unix ms */
export class DecayingLevel {
  private value = 0;
  private at: number;

  constructor(readonly max: number, readonly decayPerSecond: number, private readonly now: () => number) {
    this.at = now();
  }

  current(): number {
    const t = this.now();
    this.value = Math.max(0, this.value - ((t - this.at) / 1000) * this.decayPerSecond);
    this.at = t;
    return this.value;
  }

  /** Seconds until `cost` more fits under the maximum (0 when it fits now). */
  waitFor(cost: number): number {
    const over = this.current() + cost - this.max;
    return over <= 0 ? 0 : over / this.decayPerSecond;
  }

  add(amount: number): void {
    this.value = Math.max(0, this.current() + amount);
  }

  /** Takes one unit when it fits (a small token bucket). */
  take(): boolean {
    if (this.waitFor(1) > 0) return false;
    this.add(1);
    return true;
  }

  fill(): void {
    this.current();
    this.value = this.max;
  }
}

export interface TradingRateOptions {
  tier?: TradingTier;
  /** counter units kept free below Kraken's threshold (clock skew, orders placed outside the desk); default 10 % */
  headroom?: number;
  /** the share (0–1] of the pair's usable counter, and of its decay, one member may use; default 0.5 */
  memberShare?: number;
  /** Unix ms */
  now?: () => number;
}

/** 429 before Kraken would be asked: the member's share or the whole pair's counter is used up for now. */
export class OrderRateError extends AppError {
  static readonly [CLASS_BRAND]: string = 'kraken-desk:OrderRateError';
  constructor(readonly scope: 'member' | 'pair', symbol: string, readonly retryAfterSeconds: number) {
    super(scope === 'member' ? 'order_rate_member' : 'order_rate_pair', scope === 'member'
      ? `You have sent many orders on ${symbol} in a short time and used your share of Kraken's trading rate limit for this pair. Try again in about ${retryAfterSeconds} s; other members can still trade ${symbol}.`
      : `The team is close to Kraken's trading rate limit on ${symbol}. To keep ${symbol} open for everyone, the desk holds new orders and amends for about ${retryAfterSeconds} s.`);
  }
}

/** How long a placed or amended order is remembered for age penalties (none apply after 300 s). */
const AGE_MEMORY_MS = 300_000;

export class TradingRateModel {
  private readonly pairs = new Map<string, DecayingLevel>();
  private readonly members = new Map<string, DecayingLevel>();
  /** txid → pair and when it was placed or last amended, for the penalties of later amends and cancels */
  private readonly orders = new Map<string, { symbol: string; changedAt: number }>();
  private readonly tier: { max: number; decayPerSecond: number };
  private readonly ceiling: number;
  private readonly share: number;
  private readonly now: () => number;

  constructor(options: TradingRateOptions = {}) {
    this.tier = TRADING_TIERS[options.tier ?? 'starter'];
    this.ceiling = this.tier.max - (options.headroom ?? Math.ceil(this.tier.max / 10));
    this.share = Math.min(1, Math.max(0.01, options.memberShare ?? 0.5));
    this.now = options.now ?? Date.now;
  }

  /**
   * Charges the action to the pair and the member when both have room; otherwise charges nothing and throws
   * OrderRateError: the pair's when the whole team must wait, else the member's.
   */
  charge(symbol: string, memberId: number, action: TradingAction): void {
    const cost = actionCost(action);
    const pair = this.pair(symbol);
    const member = this.member(symbol, memberId);
    const pairWait = pair.waitFor(cost);
    if (pairWait > 0) throw new OrderRateError('pair', symbol, Math.ceil(pairWait));
    const memberWait = member.waitFor(cost);
    if (memberWait > 0) throw new OrderRateError('member', symbol, Math.ceil(memberWait));
    pair.add(cost);
    member.add(cost);
  }

  /** Gives back a charge whose order was never sent (the ticket turned out to be a repeat). */
  refund(symbol: string, memberId: number, action: TradingAction): void {
    this.pair(symbol).add(-actionCost(action));
    this.member(symbol, memberId).add(-actionCost(action));
  }

  /** Records an action the desk does not refuse (cancels reduce risk), so later orders see the level. */
  record(symbol: string, action: TradingAction): void {
    this.pair(symbol).add(actionCost(action));
  }

  /** Kraken said `EOrder:Rate limit exceeded` anyway (e.g. orders placed outside the desk): treat the pair as full. */
  markExceeded(symbol: string): void {
    this.pair(symbol).fill();
  }

  /** Remembers when an order was placed or amended (for the age penalties). */
  noteChange(txid: string, symbol: string): void {
    const t = this.now();
    for (const [id, o] of this.orders) if (t - o.changedAt >= AGE_MEMORY_MS) this.orders.delete(id);
    this.orders.set(txid, { symbol, changedAt: t });
  }

  /** Milliseconds since the order was placed or amended, from the desk's memory or the given open time. */
  ageOf(txid: string, openedAtMs?: number): number {
    const known = this.orders.get(txid);
    return this.now() - (known?.changedAt ?? openedAtMs ?? 0);
  }

  /** The pair a remembered order trades (for cancels by txid). */
  symbolOf(txid: string): string | undefined {
    return this.orders.get(txid)?.symbol;
  }

  level(symbol: string): number {
    return this.pair(symbol).current();
  }

  private pair(symbol: string): DecayingLevel {
    let level = this.pairs.get(symbol);
    if (!level) this.pairs.set(symbol, (level = new DecayingLevel(this.ceiling, this.tier.decayPerSecond, this.now)));
    return level;
  }

  private member(symbol: string, memberId: number): DecayingLevel {
    const key = `${memberId}\u0000${symbol}`;
    let level = this.members.get(key);
    if (!level) this.members.set(key, (level = new DecayingLevel(this.ceiling * this.share, this.tier.decayPerSecond * this.share, this.now)));
    return level;
  }
}
