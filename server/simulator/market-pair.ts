/**
 * One pair's synthetic market: a latent fair price that random-walks, an L2 book of ~1,100 levels per side
 * kept around it by a market maker (adds, changes, cancels), and takers whose trades hit the book.
 * Everything is driven by seeded streams and event times, never by wall-clock jitter, so a seed replays.
 */
import { BookSide, type LevelChange } from './book-side';
import { type Candle, CandleSeries, type Interval } from './candles';
import { type HistoryInput, intervalHistory, minutePath } from './market-history';
import type { PairParams } from './market-params';
import type { ListedPair } from './markets';
import { rngFor, type Rng } from './prng';

export interface PublicTrade {
  id: number;
  price: number;
  qty: number;
  /** taker side */
  side: 'buy' | 'sell';
  ordType: 'market' | 'limit';
  /** Unix ms */
  time: number;
  /** Unix ns, unique and increasing per pair: the REST `Trades` cursor */
  ns: bigint;
}

export interface SpreadPoint {
  /** Unix seconds */
  time: number;
  bid: number;
  ask: number;
}

/** What one event did to the pair: book changes (in order) and trades printed. */
export interface StepResult {
  changes: LevelChange[];
  trades: PublicTrade[];
}

const TRADES_KEPT = 1000;
const SPREADS_KEPT = 500;
const MAX_RECENTER = 60;
/** a day of minutes for the 24 h ticker plus margin for building longer intervals late */
const MINUTES_KEPT = 1600;

export class PairMarket {
  readonly bids = new BookSide('bids');
  readonly asks = new BookSide('asks');
  readonly trades: PublicTrade[] = [];
  readonly spreads: SpreadPoint[] = [];
  readonly candles = new Map<Interval, CandleSeries>();
  /** latent fair price, ticks (a double: it is a model quantity, never printed) */
  fair: number;
  lastPrice: number;
  lastQty: number;
  bookRate: number;
  nextBookAt: number;
  nextTradeAt: number;
  nextWalkAt: number;
  private nextTradeId = 1;
  private readonly history: HistoryInput;
  /** the minute path as generated, before live trades changed its last candle */
  private readonly initialMinutes: Candle[];
  private lastNs = 0n;
  private readonly bookRng: Rng;
  private readonly tradeRng: Rng;
  private readonly walkRng: Rng;

  constructor(
    readonly pair: ListedPair,
    readonly params: PairParams,
    seed: number,
    startMs: number,
  ) {
    this.bookRng = rngFor(seed, `book:${pair.id}`);
    this.tradeRng = rngFor(seed, `trade:${pair.id}`);
    this.walkRng = rngFor(seed, `walk:${pair.id}`);
    this.fair = params.price;
    this.lastPrice = params.price;
    this.lastQty = params.tradeSize;
    this.bookRate = params.bookRate;
    this.history = {
      seed, pairId: pair.id, price: params.price, changePct: pair.seedChangePct, dailyVol: params.dailyVol,
      volumePerMinute: params.volumePerMinute, tradeSize: params.tradeSize, nowMs: startMs,
    };
    const minutes = minutePath(this.history);
    this.initialMinutes = minutes.map((c) => ({ ...c }));
    this.candles.set(1, new CandleSeries(1, minutes, MINUTES_KEPT));
    this.rebuildBook(startMs);
    this.seedRecentTrades(seed, startMs);
    this.nextBookAt = startMs + this.bookRng.exponential(1000 / this.bookRate);
    this.nextTradeAt = startMs + this.tradeRng.exponential(1000 / params.tradeRate);
    this.nextWalkAt = startMs + 1000;
  }

  /** Wait until the next market-maker event, ms (exponential: a Poisson stream at `bookRate`). */
  bookRngDelay(): number {
    return this.bookRng.exponential(1000 / this.bookRate);
  }

  /** Wait until the next taker trade, ms. */
  tradeRngDelay(): number {
    return this.tradeRng.exponential(1000 / this.params.tradeRate);
  }

  get bestBid(): number {
    return this.bids.best()?.price ?? 0;
  }

  get bestAsk(): number {
    return this.asks.best()?.price ?? 0;
  }

  /**
   * One interval's candles. Intervals above 1 m are built on first use (startup stays fast with 30 pairs):
   * their history as of start, then every minute traded since folded in.
   */
  series(interval: Interval): CandleSeries {
    let series = this.candles.get(interval);
    if (series) return series;
    series = new CandleSeries(interval, intervalHistory(this.history, this.initialMinutes, interval), 1000);
    const startMinute = Math.floor(this.history.nowMs / 60000) * 60;
    for (const minute of this.series(1).candles) if (minute.time >= startMinute) series.addMinute(minute);
    this.candles.set(interval, series);
    return series;
  }

  private levelQty(rng: Rng, rank: number): number {
    const base = this.params.levelSize * (0.35 + rank / 250) * Math.exp(rng.normal() * 0.7);
    return Math.max(this.params.minSize, Math.round(base));
  }

  /**
   * Distance to the next level outward from `rank`: dense at the top, wider deeper in the book. Bids of a
   * coin worth few ticks (SHIB) are squeezed so the whole side still fits above zero.
   */
  private gapAt(rng: Rng, rank: number, roomBelow = Infinity): number {
    const spread = 2 * this.params.meanGap * Math.min(1.6, (2 * rank) / this.params.depth);
    const gap = 1 + Math.floor(rng.next() * spread);
    const levelsLeft = Math.max(1, this.params.depth - rank);
    return Math.max(1, Math.min(gap, Math.floor(roomBelow / levelsLeft)));
  }

  /** Replaces the whole book with fresh levels around the fair price. */
  rebuildBook(time: number): LevelChange[] {
    const changes: LevelChange[] = [];
    for (const side of [this.asks, this.bids]) {
      for (const level of side.levels) changes.push({ side: side.side, price: level.price, qty: 0 });
      side.clear();
    }
    const center = Math.round(this.fair);
    let ask = center + this.params.halfSpread;
    let bid = center - this.params.halfSpread;
    for (let rank = 0; rank < this.params.depth; rank++) {
      changes.push(this.asks.set(ask, this.levelQty(this.bookRng, rank), time) as LevelChange);
      ask += this.gapAt(this.bookRng, rank);
      if (bid > 0) {
        changes.push(this.bids.set(bid, this.levelQty(this.bookRng, rank), time) as LevelChange);
        bid -= this.gapAt(this.bookRng, rank, bid - 1);
      }
    }
    this.recordSpread(time);
    return changes;
  }

  /** A hundred trades over the last five minutes around the seed price, so Trades has history at start. */
  private seedRecentTrades(seed: number, startMs: number): void {
    const rng = rngFor(seed, `recent:${this.pair.id}`);
    const count = 100;
    for (let i = count; i >= 1; i--) {
      const side = rng.chance(0.5) ? 'buy' : 'sell';
      const offset = i === 1 ? 0 : Math.round(this.params.halfSpread * (rng.next() * 6 - 3));
      const price = Math.max(1, this.params.price + offset);
      this.printTrade(price, this.takerQty(rng), side, rng.chance(0.6) ? 'market' : 'limit', startMs - i * 3000, false);
    }
  }

  private takerQty(rng: Rng): number {
    return Math.max(this.params.minSize, Math.round(this.params.tradeSize * Math.exp(rng.normal() * 0.8 - 0.3)));
  }

  /** Appends a public trade (and optionally feeds candles); returns it. */
  printTrade(price: number, qty: number, side: 'buy' | 'sell', ordType: 'market' | 'limit', time: number, toCandles = true): PublicTrade {
    let ns = BigInt(Math.floor(time)) * 1_000_000n;
    if (ns <= this.lastNs) ns = this.lastNs + 1n;
    this.lastNs = ns;
    const trade: PublicTrade = { id: this.nextTradeId++, price, qty, side, ordType, time, ns };
    this.trades.push(trade);
    if (this.trades.length > TRADES_KEPT + 100) this.trades.splice(0, this.trades.length - TRADES_KEPT);
    this.lastPrice = price;
    this.lastQty = qty;
    if (toCandles) {
      const sec = Math.floor(time / 1000);
      for (const series of this.candles.values()) series.addTrade(price, qty, sec);
    }
    return trade;
  }

  recordSpread(time: number): void {
    const bid = this.bestBid;
    const ask = this.bestAsk;
    const last = this.spreads[this.spreads.length - 1];
    if (last && last.bid === bid && last.ask === ask) return;
    this.spreads.push({ time: Math.floor(time / 1000), bid, ask });
    if (this.spreads.length > SPREADS_KEPT + 50) this.spreads.splice(0, this.spreads.length - SPREADS_KEPT);
  }

  /** The latent price takes one step of its random walk. */
  walk(): void {
    const sigma = this.params.dailyVol / Math.sqrt(86400);
    // below this many ticks a coin cannot hold a full book of bids; the walk never steps down past it
    // (a price set below it through /control stays where it was put)
    const floor = this.params.depth + 10 * this.params.halfSpread;
    const next = this.fair * Math.exp(sigma * this.walkRng.normal());
    if (next >= floor || next >= this.fair) this.fair = next;
  }

  /** A taker hits the book, printing one trade per level it consumes. */
  takerTrade(time: number): StepResult {
    const mid = (this.bestBid + this.bestAsk) / 2;
    const lean = Math.max(-0.35, Math.min(0.35, (this.fair - mid) / (4 * this.params.halfSpread + 4 * this.params.meanGap)));
    const side = this.tradeRng.chance(0.5 + lean) ? 'buy' : 'sell';
    const ordType = this.tradeRng.chance(0.6) ? 'market' : 'limit';
    return this.sweep(side, this.takerQty(this.tradeRng), ordType, time, 20);
  }

  /** Consumes up to `qty` lots from the best levels opposite to `side`. */
  sweep(side: 'buy' | 'sell', qty: number, ordType: 'market' | 'limit', time: number, maxLevels: number): StepResult {
    const book = side === 'buy' ? this.asks : this.bids;
    const result: StepResult = { changes: [], trades: [] };
    let left = qty;
    for (let n = 0; n < maxLevels && left > 0; n++) {
      const level = book.best();
      if (!level || book.size <= 1) break;
      const take = Math.min(left, level.qty);
      const price = level.price;
      const change = book.set(price, level.qty - take, time);
      if (change) result.changes.push(change);
      result.trades.push(this.printTrade(price, take, side, ordType, time));
      left -= take;
    }
    this.recordSpread(time);
    return result;
  }

  /** One market-maker event: follow the fair price, or add / change / cancel a level. */
  bookEvent(time: number): LevelChange[] {
    const rng = this.bookRng;
    const changes: LevelChange[] = [];
    const push = (c: LevelChange | undefined) => {
      if (c) changes.push(c);
    };
    const center = Math.round(this.fair);
    const hs = this.params.halfSpread;
    if (this.bestAsk > 0 && this.bestAsk < center + hs - this.params.meanGap) this.recenter(this.asks, this.bids, center + hs, center - hs, time, changes);
    else if (this.bestBid > center - hs + this.params.meanGap) this.recenter(this.bids, this.asks, center - hs, center + hs, time, changes);
    else {
      const side = rng.chance(0.5) ? this.bids : this.asks;
      // most activity sits at the top of the book, so the update rate is what a depth-10 subscriber sees
      const rank = Math.min(side.size - 1, rng.chance(0.85) ? Math.floor(rng.next() * 10) : Math.floor(side.size * rng.next() ** 3));
      const level = side.levels[rank];
      const action = rng.next();
      const spread = this.bestAsk - this.bestBid;
      if (action < 0.6 && spread > 2 * hs + 1) {
        // a wide spread gets quoted inside, on the side that is further from the fair price
        const inside = center - this.bestBid > this.bestAsk - center ? this.bestBid + 1 : this.bestAsk - 1;
        push((inside === this.bestBid + 1 ? this.bids : this.asks).set(inside, this.levelQty(rng, 0), time));
      } else if (action < 0.6 && level) {
        const next = side.levels[rank + 1];
        const gap = next ? Math.abs(next.price - level.price) : 0;
        if (gap > 1) {
          const step = 1 + Math.floor(rng.next() * (gap - 1));
          push(side.set(side.side === 'asks' ? level.price + step : level.price - step, this.levelQty(rng, rank), time));
        } else push(side.set(level.price, this.levelQty(rng, rank), time));
      } else if (action < 0.8 && level && side.size > 2) {
        push(side.set(level.price, 0, time));
      } else if (level) {
        push(side.set(level.price, Math.max(this.params.minSize, Math.round(level.qty * Math.exp(rng.normal() * 0.5))), time));
      }
    }
    this.maintainDepth(this.asks, time, push);
    this.maintainDepth(this.bids, time, push);
    this.recordSpread(time);
    return changes;
  }

  /** The book lags the fair price: cancel the stale side's levels and quote afresh on the other side. */
  private recenter(stale: BookSide, other: BookSide, staleEdge: number, otherEdge: number, time: number, changes: LevelChange[]): void {
    for (let n = 0; n < MAX_RECENTER; n++) {
      const level = stale.best();
      if (!level || stale.size <= 2 || !stale.isBetter(level.price, staleEdge)) break;
      changes.push(stale.set(level.price, 0, time) as LevelChange);
    }
    // quote the other side up to its new edge, as densely as MAX_RECENTER levels allow
    let price = other.best()?.price ?? otherEdge;
    const step = other.side === 'bids' ? 1 : -1;
    const distance = Math.abs(otherEdge - price);
    const meanStep = Math.max(1, distance / MAX_RECENTER);
    for (let n = 0; n < MAX_RECENTER; n++) {
      price += step * Math.max(1, Math.round(meanStep * 2 * this.bookRng.next()));
      if (other.isBetter(price, otherEdge) || price <= 0) break;
      // never cross the stale side's best
      const opposite = stale.best()?.price;
      if (opposite !== undefined && !stale.isBetter(price, opposite)) break;
      const change = other.set(price, this.levelQty(this.bookRng, n), time);
      if (change) changes.push(change);
    }
  }

  private maintainDepth(side: BookSide, time: number, push: (c: LevelChange | undefined) => void): void {
    for (let n = 0; n < MAX_RECENTER && side.size < this.params.depth; n++) {
      const worst = side.worst();
      if (!worst) return;
      const gap = this.gapAt(this.bookRng, side.size, side.side === 'bids' ? worst.price - 1 : Infinity);
      const price = side.side === 'asks' ? worst.price + gap : worst.price - gap;
      if (price <= 0) return;
      push(side.set(price, this.levelQty(this.bookRng, side.size), time));
    }
    for (let n = 0; n < MAX_RECENTER && side.size > this.params.depth + 40; n++) {
      const worst = side.worst();
      if (worst) push(side.set(worst.price, 0, time));
    }
  }
}
