/**
 * One mirrored pair's state: the synthetic pair's structures (book sides, tape, candles, spreads) filled from the
 * source. Candle intervals above 1 m start as the source's minutes folded together and are replaced by the
 * source's own history for that interval once it has been fetched (see MirrorMarket.loadInterval).
 */
import { type Candle, CandleSeries, type Interval } from '../candles';
import { PairMarket } from '../market-pair';

const KEEP = 1000;

export class MirrorPairMarket extends PairMarket {
  /** asks the source for an interval's own history (set by source-feed.ts) */
  onFirstUse: ((interval: Interval) => void) | undefined;

  override series(interval: Interval): CandleSeries {
    const known = this.candles.get(interval);
    if (known) return known;
    this.onFirstUse?.(interval);
    const minutes = super.series(1).candles;
    const seconds = interval * 60;
    const first = minutes[0] as Candle;
    const start = Math.floor(first.time / seconds) * seconds;
    const series = new CandleSeries(interval, [{ ...first, time: start, volume: 0, cost: 0, count: 0, high: first.open, low: first.open, close: first.open }], KEEP);
    for (const minute of minutes) series.addMinute(minute);
    this.candles.set(interval, series);
    return series;
  }

  /** Entries older than the first minute (history.ts olderDay), placed before it; ignored once minutes have rolled past them. */
  prependOlder(entries: readonly Candle[]): void {
    const minutes = super.series(1).candles;
    const first = minutes[0];
    const older = entries.filter((c) => first === undefined || c.time < first.time);
    minutes.unshift(...older.map((c) => ({ ...c })));
  }

  /** The source's history for an interval; the open candle keeps what live trades added since it was asked. */
  replaceSeries(interval: Interval, history: Candle[]): void {
    if (history.length === 0) return;
    const live = this.candles.get(interval)?.current();
    const last = history[history.length - 1] as Candle;
    if (live && live.time === last.time && live.count > last.count) history[history.length - 1] = live;
    this.candles.set(interval, new CandleSeries(interval, history, KEEP));
  }
}
