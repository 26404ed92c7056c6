/**
 * One pair's synthetic market: a latent fair price that random-walks, an L2 book of ~1,100 levels per side
 * kept around it by a market maker (market-maker.ts), takers whose trades hit the book, the trade tape,
 * candles and spread history.
 * Everything is driven by seeded streams and event times, never by wall-clock jitter, so a seed replays.
 */
import { BookSide, type LevelChange } from './book-side';
import { type Candle, CandleSeries, type Interval } from './candles';
import { type HistoryInput, intervalHistory, minutePath } from './market-history';
import type { PairParams } from './market-params';
import { MarketMaker } from './market-maker';
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
/** a day of minutes for the 24 h ticker plus margin for building longer intervals late */
const MINUTES_KEPT = 1600;

/** A mirror's starting history, taken from its source instead of generated. */
export interface MirroredHistory {
  minutes: Candle[];
  trades: (Omit<PublicTrade, 'id' | 'ns'> & { id?: number })[];
}

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
  private readonly maker: MarketMaker;
  private readonly tradeRng: Rng;
  private readonly walkRng: Rng;

  constructor(
    readonly pair: ListedPair,
    readonly params: PairParams,
    seed: number,
    startMs: number,
    mirrored?: MirroredHistory,
  ) {
    this.maker = new MarketMaker(params, rngFor(seed, `book:${pair.id}`), this.bids, this.asks);
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
    const minutes = mirrored ? mirrored.minutes : minutePath(this.history);
    this.initialMinutes = minutes.map((c) => ({ ...c }));
    this.candles.set(1, new CandleSeries(1, minutes, MINUTES_KEPT));
    if (mirrored) {
      // a mirror's book and tape come from its source; the synthetic scheduler never runs for it
      for (const t of mirrored.trades) this.printTrade(t.price, t.qty, t.side, t.ordType, t.time, false, t.id);
    } else {
      this.rebuildBook(startMs);
      this.seedRecentTrades(seed, startMs);
    }
    this.nextBookAt = startMs + this.maker.delay(this.bookRate);
    this.nextTradeAt = startMs + this.tradeRng.exponential(1000 / params.tradeRate);
    this.nextWalkAt = startMs + 1000;
  }

  /** Wait until the next market-maker event, ms (exponential: a Poisson stream at `bookRate`). */
  bookRngDelay(): number {
    return this.maker.delay(this.bookRate);
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

  /** Replaces the whole book with fresh levels around the fair price. */
  rebuildBook(time: number): LevelChange[] {
    const changes = this.maker.rebuild(this.fair, time);
    this.recordSpread(time);
    return changes;
  }

  /** One market-maker event (see MarketMaker.event). */
  bookEvent(time: number): LevelChange[] {
    const changes = this.maker.event(this.fair, time);
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
  printTrade(price: number, qty: number, side: 'buy' | 'sell', ordType: 'market' | 'limit', time: number, toCandles = true, sourceId?: number): PublicTrade {
    let ns = BigInt(Math.floor(time)) * 1_000_000n;
    if (ns <= this.lastNs) ns = this.lastNs + 1n;
    this.lastNs = ns;
    // a mirror keeps its source's trade ids
    const id = sourceId ?? this.nextTradeId;
    this.nextTradeId = Math.max(this.nextTradeId, id) + 1;
    const trade: PublicTrade = { id, price, qty, side, ordType, time, ns };
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

}
