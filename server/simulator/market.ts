/**
 * The synthetic market of all listed pairs, advanced in event-time order by a seeded scheduler.
 * It implements `MarketView` for the trading side and publishes book/trade/status events for the feeds.
 */
import type { LevelChange } from './book-side';
import { pairParams } from './market-params';
import { PairMarket, type PublicTrade } from './market-pair';
import { type ListedPair, PAIRS, resolvePair } from './markets';
import type { MarketView, SimLevel, SystemStatus, TopOfBook } from './types';
import { textToUnits, unitsToText } from './units';
import { log } from '../../lib/log';

export type MarketEvent =
  | { kind: 'book'; pair: ListedPair; time: number; changes: LevelChange[] }
  | { kind: 'trades'; pair: ListedPair; time: number; trades: PublicTrade[] }
  | { kind: 'status'; status: SystemStatus };

export interface MarketOptions {
  seed: number;
  /** Unix ms clock; tests inject a fake one */
  now?: () => number;
  /** the pairs this instance lists (default: the whole built-in listing); a mirror lists the source's */
  pairs?: readonly ListedPair[];
  /** builds each pair's state (default: the synthetic market); a mirror builds empty ones it fills from the source */
  createPair?: (pair: ListedPair) => PairMarket;
}

/** Beyond this lag (a suspended machine, a jumped clock) the scheduler skips ahead instead of replaying. */
const MAX_CATCH_UP_MS = 60_000;
const MAX_EVENTS_PER_ADVANCE = 50_000;
export const MAX_BOOK_RATE = 2000;

export class Market implements MarketView {
  readonly pairs: readonly ListedPair[];
  readonly now: () => number;
  readonly seed: number;
  readonly startMs: number;
  /** a mirror's source (its REST base); undefined for the synthetic market */
  readonly sourceUrl: string | undefined = undefined;
  private readonly markets = new Map<string, PairMarket>();
  private readonly listeners = new Set<(event: MarketEvent) => void>();
  private readonly byId = new Map<string, ListedPair>();
  private readonly tickListeners = new Set<(pairId: string, top: TopOfBook) => void>();
  private systemStatus: SystemStatus = 'online';
  private advancedTo: number;
  /** set through /control/market/pause: no market-maker, taker or walk events until resumed */
  private paused = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(options: MarketOptions) {
    this.seed = options.seed >>> 0;
    this.now = options.now ?? Date.now;
    this.startMs = this.now();
    this.advancedTo = this.startMs;
    this.pairs = options.pairs ?? PAIRS;
    for (const pair of this.pairs) {
      this.byId.set(pair.id, pair);
      this.markets.set(pair.id, options.createPair ? options.createPair(pair) : new PairMarket(pair, pairParams(pair), this.seed, this.startMs));
    }
  }

  /** The pair's simulation; throws for an id that is not listed (callers resolve names first). */
  pair(pairId: string): PairMarket {
    const market = this.markets.get(pairId);
    if (!market) throw new Error(`unknown pair id ${pairId}`);
    return market;
  }

  /** Any name form of a pair this instance lists (its own record: a mirror's carries the source's rules). */
  resolvePair(input: string): ListedPair | undefined {
    const known = resolvePair(input);
    return known ? this.byId.get(known.id) : undefined;
  }

  top(pairId: string): TopOfBook {
    const m = this.pair(pairId);
    const d = m.pair.pairDecimals;
    return { bid: unitsToText(m.bestBid, d), ask: unitsToText(m.bestAsk, d), last: unitsToText(m.lastPrice, d) };
  }

  levels(pairId: string, side: 'asks' | 'bids', count: number): SimLevel[] {
    const m = this.pair(pairId);
    const book = side === 'asks' ? m.asks : m.bids;
    const n = Math.max(0, Math.min(count, book.size));
    const out: SimLevel[] = [];
    for (let i = 0; i < n; i++) {
      const level = book.levels[i];
      if (level) out.push({ price: unitsToText(level.price, m.pair.pairDecimals), qty: unitsToText(level.qty, m.pair.lotDecimals) });
    }
    return out;
  }

  recordTakerFill(pairId: string, takerSide: 'buy' | 'sell', price: string, qty: string, side: 'asks' | 'bids'): void {
    const m = this.pair(pairId);
    const p = textToUnits(price, m.pair.pairDecimals);
    const q = textToUnits(qty, m.pair.lotDecimals);
    if (p === undefined || q === undefined || q <= 0) return;
    const time = this.now();
    const book = side === 'asks' ? m.asks : m.bids;
    const change = book.set(p, book.qtyAt(p) - q, time);
    const trade = m.printTrade(p, q, takerSide, 'market', time);
    m.recordSpread(time);
    this.emit({ kind: 'trades', pair: m.pair, time, trades: [trade] });
    if (change) this.emit({ kind: 'book', pair: m.pair, time, changes: [change] });
    this.tick(m);
  }

  recordMakerFill(pairId: string, takerSide: 'buy' | 'sell', price: string, qty: string): void {
    const m = this.pair(pairId);
    const p = textToUnits(price, m.pair.pairDecimals);
    const q = textToUnits(qty, m.pair.lotDecimals);
    if (p === undefined || q === undefined || q <= 0) return;
    const time = this.now();
    const trade = m.printTrade(p, q, takerSide, 'limit', time);
    this.emit({ kind: 'trades', pair: m.pair, time, trades: [trade] });
    this.tick(m);
  }

  onTick(listener: (pairId: string, top: TopOfBook) => void): () => void {
    this.tickListeners.add(listener);
    return () => this.tickListeners.delete(listener);
  }

  /** Book, trade and status events for the public feeds. */
  subscribe(listener: (event: MarketEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  status(): SystemStatus {
    return this.systemStatus;
  }

  setStatus(status: SystemStatus): void {
    if (status === this.systemStatus) return;
    this.systemStatus = status;
    this.emit({ kind: 'status', status });
  }

  /** Moves a pair to `price` (decimal text on the pair's tick): prints a trade there and re-quotes the book. */
  movePrice(pairId: string, price: string): boolean {
    const m = this.pair(pairId);
    const target = textToUnits(price, m.pair.pairDecimals);
    if (target === undefined || target <= 0) return false;
    this.advance(this.now());
    const time = Math.max(this.now(), this.advancedTo);
    const side = target >= m.lastPrice ? 'buy' : 'sell';
    m.fair = target;
    const trade = m.printTrade(target, m.params.tradeSize, side, 'market', time);
    const changes = m.rebuildBook(time);
    this.emit({ kind: 'trades', pair: m.pair, time, trades: [trade] });
    this.emit({ kind: 'book', pair: m.pair, time, changes });
    this.tick(m);
    return true;
  }

  /** Book update events per second for one pair (a benchmark drives BTC/USD at ~500/s). */
  setBookRate(pairId: string, perSecond: number): void {
    const m = this.pair(pairId);
    m.bookRate = Math.max(0.01, Math.min(MAX_BOOK_RATE, perSecond));
    m.nextBookAt = Math.max(this.advancedTo, this.now()) + 1000 / m.bookRate;
  }

  /**
   * Freezes the synthetic flow (tests then script every book change and trade through /control); on resume the
   * scheduler skips the paused time instead of replaying it.
   */
  setPaused(paused: boolean): void {
    if (paused === this.paused) return;
    this.paused = paused;
    if (!paused) this.skipTo(Math.max(this.advancedTo, this.now()));
  }

  isPaused(): boolean {
    return this.paused;
  }

  /**
   * Prints a public trade of `qty` at `price` (decimal text); the taker sells into the bids at or above it, else
   * buys from the asks. The level at that price on the side hit loses what it had up to `qty`. false on bad input.
   */
  printTrade(pairId: string, price: string, qty: string, side?: 'buy' | 'sell'): boolean {
    const m = this.pair(pairId);
    const p = textToUnits(price, m.pair.pairDecimals);
    const q = textToUnits(qty, m.pair.lotDecimals);
    if (p === undefined || q === undefined || p <= 0 || q <= 0) return false;
    const time = Math.max(this.now(), this.advancedTo);
    const takerSide = side ?? (m.bestBid > 0 && p <= m.bestBid ? 'sell' : 'buy');
    const book = takerSide === 'sell' ? m.bids : m.asks;
    const trade = m.printTrade(p, q, takerSide, 'market', time);
    const change = book.set(p, book.qtyAt(p) - q, time);
    m.recordSpread(time);
    this.emit({ kind: 'trades', pair: m.pair, time, trades: [trade] });
    if (change) this.emit({ kind: 'book', pair: m.pair, time, changes: [change] });
    this.tick(m);
    return true;
  }

  /** Sets one book level (qty 0 removes it); refuses (false) a level that would cross the other side. */
  setLevel(pairId: string, side: 'bids' | 'asks', price: string, qty: string): boolean {
    const m = this.pair(pairId);
    const p = textToUnits(price, m.pair.pairDecimals);
    const q = textToUnits(qty, m.pair.lotDecimals);
    if (p === undefined || q === undefined || p <= 0 || q < 0) return false;
    if (q > 0 && (side === 'bids' ? m.bestAsk > 0 && p >= m.bestAsk : m.bestBid > 0 && p <= m.bestBid)) return false;
    const time = Math.max(this.now(), this.advancedTo);
    const change = (side === 'bids' ? m.bids : m.asks).set(p, q, time);
    m.recordSpread(time);
    if (change) this.emit({ kind: 'book', pair: m.pair, time, changes: [change] });
    this.tick(m);
    return true;
  }

  /** Runs every scheduled event up to `nowMs`, in time order (ties by listing order). */
  advance(nowMs: number): void {
    if (this.paused) return;
    if (nowMs - this.advancedTo > MAX_CATCH_UP_MS) this.skipTo(nowMs - 1000);
    for (let n = 0; n < MAX_EVENTS_PER_ADVANCE; n++) {
      let next: PairMarket | undefined;
      let at = Infinity;
      for (const m of this.markets.values()) {
        const t = Math.min(m.nextBookAt, m.nextTradeAt, m.nextWalkAt);
        if (t < at) {
          at = t;
          next = m;
        }
      }
      if (!next || at > nowMs) break;
      this.runEvent(next, at);
    }
    this.advancedTo = Math.max(this.advancedTo, nowMs);
  }

  private runEvent(m: PairMarket, at: number): void {
    const time = Math.floor(at);
    if (m.nextWalkAt === at) {
      m.walk();
      m.nextWalkAt = at + 1000;
      return;
    }
    if (m.nextTradeAt === at) {
      const result = m.takerTrade(time);
      m.nextTradeAt = at + Math.max(1, m.tradeRngDelay());
      if (result.trades.length > 0) this.emit({ kind: 'trades', pair: m.pair, time, trades: result.trades });
      if (result.changes.length > 0) this.emit({ kind: 'book', pair: m.pair, time, changes: result.changes });
      this.tick(m);
      return;
    }
    const changes = m.bookEvent(time);
    m.nextBookAt = at + Math.max(0.5, m.bookRngDelay());
    if (changes.length > 0) this.emit({ kind: 'book', pair: m.pair, time, changes });
    this.tick(m);
  }

  private skipTo(ms: number): void {
    for (const m of this.markets.values()) {
      m.nextBookAt = Math.max(m.nextBookAt, ms);
      m.nextTradeAt = Math.max(m.nextTradeAt, ms);
      m.nextWalkAt = Math.max(m.nextWalkAt, ms);
    }
    this.advancedTo = ms;
  }

  protected emit(event: MarketEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        // a feed's bug must not stop the market for everyone else
        log.error({ err: error }, 'market listener failed');
      }
    }
  }

  protected tick(m: PairMarket): void {
    if (this.tickListeners.size === 0) return;
    const top = this.top(m.pair.id);
    for (const listener of this.tickListeners) listener(m.pair.id, top);
  }

  /** Advances with the clock every `intervalMs` until stop(). */
  start(intervalMs = 50): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.advance(this.now()), intervalMs);
    this.timer.unref?.();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
