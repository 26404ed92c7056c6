/**
 * Mirror mode's market: the built-in exchange's market side with its books, tape and candles taken from a
 * Kraken-compatible source (source-feed.ts) instead of the synthetic walk. Public REST and WS serve it exactly as
 * they serve the synthetic market; book checksums are recomputed from the mirrored levels by the same code.
 * Paper orders never change the mirrored book or tape: a taker fill only hides the quantity it took from later
 * paper orders until the source updates that level, and resting orders fill through the queue model.
 */
import type { TextLevel } from '../../../lib/kraken/checksum';
import type { Candle, Interval } from '../candles';
import { Market } from '../market';
import { pairParams } from '../market-params';
import type { MirroredHistory, PairMarket } from '../market-pair';
import type { ListedPair } from '../markets';
import type { LevelChange } from '../book-side';
import type { SimLevel, SystemStatus } from '../types';
import { textToUnits, unitsToText } from '../units';
import { units } from './history';
import { MirrorPairMarket } from './mirror-pair';
import { QueueModel } from './queue';

export interface MirrorMarketOptions {
  pairs: readonly ListedPair[];
  histories: ReadonlyMap<string, MirroredHistory>;
  sourceUrl: string;
  matchingDelayMs?: number;
  now?: () => number;
}

export interface SourceTrade {
  price: string;
  qty: string;
  side: 'buy' | 'sell';
  ordType: 'market' | 'limit';
  /** Unix ms */
  time: number;
  /** the source's trade id */
  id?: number;
}

export class MirrorMarket extends Market {
  readonly sourceUrl: string;
  readonly queueFills: QueueModel;
  readonly matchingDelayMs: number;
  /** false while the source is unreachable or a book is resyncing: no fills, no new orders */
  private live = false;
  /** quantity paper taker orders took per level (`pair|side|price` → lots) until the source updates the level */
  private readonly consumed = new Map<string, number>();

  constructor(options: MirrorMarketOptions) {
    super({
      seed: 0,
      now: options.now,
      pairs: options.pairs,
      createPair: (pair) => new MirrorPairMarket(pair, pairParams(pair), 0, (options.now ?? Date.now)(), options.histories.get(pair.id) ?? { minutes: [], trades: [] }),
    });
    this.sourceUrl = options.sourceUrl;
    this.matchingDelayMs = options.matchingDelayMs ?? 0;
    this.queueFills = new QueueModel((pairId, side, price) => {
      const m = this.pair(pairId);
      const p = textToUnits(price, m.pair.pairDecimals);
      return p === undefined ? '0' : unitsToText((side === 'bids' ? m.bids : m.asks).qtyAt(p), m.pair.lotDecimals);
    });
  }

  /** The synthetic scheduler never runs: the source moves this market. */
  override start(): void {}
  override advance(): void {}
  override movePrice(): boolean {
    return false;
  }
  override printTrade(): boolean {
    return false;
  }
  override setLevel(): boolean {
    return false;
  }

  isLive(): boolean {
    return this.live;
  }

  /** The source came back with every book verified (true) or went away (false); status follows. */
  setLive(live: boolean): void {
    if (live === this.live) return;
    const before = this.status();
    this.live = live;
    if (this.status() !== before) this.emit({ kind: 'status', status: this.status() });
  }

  /** Without its source the paper exchange cannot price anything: it reports maintenance (orders refused). */
  override status(): SystemStatus {
    return this.live ? super.status() : 'maintenance';
  }

  override levels(pairId: string, side: 'asks' | 'bids', count: number): SimLevel[] {
    const m = this.pair(pairId);
    const out: SimLevel[] = [];
    for (const level of (side === 'asks' ? m.asks : m.bids).levels) {
      if (out.length >= count) break;
      const left = level.qty - (this.consumed.get(`${pairId}|${side}|${level.price}`) ?? 0);
      if (left > 0) out.push({ price: unitsToText(level.price, m.pair.pairDecimals), qty: unitsToText(left, m.pair.lotDecimals) });
    }
    return out;
  }

  override recordTakerFill(pairId: string, _takerSide: 'buy' | 'sell', price: string, qty: string, side: 'asks' | 'bids'): void {
    const m = this.pair(pairId);
    const p = textToUnits(price, m.pair.pairDecimals);
    const q = textToUnits(qty, m.pair.lotDecimals);
    if (p === undefined || q === undefined) return;
    const key = `${pairId}|${side}|${p}`;
    this.consumed.set(key, (this.consumed.get(key) ?? 0) + q);
  }

  override recordMakerFill(): void {}

  /** A verified source book (after a snapshot or update): the mirrored sides become exactly its levels. */
  applyBook(pairId: string, asks: readonly TextLevel[], bids: readonly TextLevel[], resync: boolean): void {
    const m = this.pair(pairId);
    const time = this.now();
    const changes: LevelChange[] = [];
    for (const [side, levels] of [[m.asks, asks], [m.bids, bids]] as const) {
      const wanted = new Map(levels.map((l) => [units(l.price, m.pair.pairDecimals), units(l.qty, m.pair.lotDecimals)]));
      for (const level of [...side.levels]) if (!wanted.has(level.price)) this.setSourceLevel(m, side.side, level.price, 0, time, changes);
      for (const [price, qty] of wanted) this.setSourceLevel(m, side.side, price, qty, time, changes);
    }
    if (resync) this.queueFills.onResync(pairId);
    m.recordSpread(time);
    if (changes.length > 0) this.emit({ kind: 'book', pair: m.pair, time, changes });
    this.tick(m);
  }

  private setSourceLevel(m: PairMarket, side: 'bids' | 'asks', price: number, qty: number, time: number, changes: LevelChange[]): void {
    const book = side === 'bids' ? m.bids : m.asks;
    const before = book.qtyAt(price);
    const change = book.set(price, qty, time);
    if (!change) return;
    changes.push(change);
    this.consumed.delete(`${m.pair.id}|${side}|${price}`);
    const text = (u: number) => unitsToText(u, m.pair.lotDecimals);
    this.queueFills.onLevel(m.pair.id, side, unitsToText(price, m.pair.pairDecimals), text(before), text(qty));
  }

  /** Trades printed on the source: onto the tape and candles, and into the queues of paper orders. */
  applyTrades(pairId: string, trades: readonly SourceTrade[]): void {
    const m = this.pair(pairId);
    const printed = trades.map((t) => {
      const trade = m.printTrade(units(t.price, m.pair.pairDecimals), units(t.qty, m.pair.lotDecimals), t.side, t.ordType, t.time, true, t.id);
      this.queueFills.onTrade(pairId, unitsToText(trade.price, m.pair.pairDecimals), unitsToText(trade.qty, m.pair.lotDecimals), t.side);
      return trade;
    });
    if (printed.length === 0) return;
    this.emit({ kind: 'trades', pair: m.pair, time: this.now(), trades: printed });
    this.tick(m);
  }

  /** The source's own history of a longer interval replaces the one folded from minutes. */
  replaceSeries(pairId: string, interval: Interval, candles: Candle[]): void {
    (this.pair(pairId) as MirrorPairMarket).replaceSeries(interval, candles);
  }
}
