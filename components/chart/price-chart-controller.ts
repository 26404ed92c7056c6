/**
 * Owns one lightweight-charts instance for its whole life (recreating it per update would drop frames): created
 * once per mount, fed with `setData` when history arrives and `series.update(bar)` per live candle, never
 * recreated on data change.
 * Nothing here calls React: the legend is written through a callback and status changes are reported only
 * when they change, so a busy market costs no re-renders.
 */
import {
  CandlestickSeries, ColorType, createChart, HistogramSeries, LineSeries, PriceScaleMode,
  type ChartOptions, type DeepPartial, type IChartApi, type ISeriesApi, type LogicalRange, type MouseEventParams, type UTCTimestamp,
} from 'lightweight-charts';
import { minMoveFor, toPriceBar, toVolumeBar, withAlpha, type DrawableCandle } from '@/lib/candles/chart-bars';
import { mergeCandles } from '@/lib/candles/merge';
import { fillMarkers, orderLines, type FillLike, type OrderLike } from '@/lib/candles/own-marks';
import { heikinAshi, type OhlcvBar } from '@/lib/candles/studies';
import type { CHART_SCALES, CHART_TYPES } from '@/lib/settings/member-ui';
import { ChartOwnMarks } from './chart-own-marks';
import { OrderLineDrag, type OrderDrop } from './chart-order-drag';
import { ChartStudies, type StudyLegend, type StudySpec } from './chart-studies';
import type { OhlcResponse } from '@/lib/candles/ohlc-response';
import type { OhlcInterval } from '@/lib/kraken/rest-public';
import type { OhlcPageRequest } from '@/lib/candles/ohlc-client';
import { fetchOlderPages } from '@/lib/candles/older-pages';
import { readChartColors, watchTheme, type ChartColors } from './chart-theme';

export interface LiveCandleListener {
  /** the feed's whole series, on joining and after every resync */
  snapshot(candles: readonly DrawableCandle[]): void;
  /** one candle opened or changed; the same time replaces the running bar */
  bar(candle: DrawableCandle): void;
}
/** `subscribeCandles` from lib/feed/candle-stores has this shape. */
export type SubscribeLive = (symbol: string, interval: OhlcInterval, listener: LiveCandleListener) => () => void;

export interface HistoryStatus {
  phase: 'loading' | 'ready' | 'error';
  message?: string;
  loadingOlder: boolean;
  /** no older history exists (or can be rebuilt) */
  complete: boolean;
  note?: string;
}

export interface PriceChartDeps {
  subscribeLive: SubscribeLive;
  fetchPage: (request: OhlcPageRequest) => Promise<OhlcResponse>;
  /** the candle under the crosshair (or the newest) and each study's values at it */
  onLegend: (candle: DrawableCandle | undefined, studies: readonly StudyLegend[]) => void;
  onStatus: (status: HistoryStatus) => void;
}

/** Start loading older candles when fewer than this many bars are left of the view. */
const SCROLL_BACK_MARGIN = 10;
const SCALE_MODE = { normal: PriceScaleMode.Normal, log: PriceScaleMode.Logarithmic, percent: PriceScaleMode.Percentage } as const;
export type ChartScale = (typeof CHART_SCALES)[number];
export type ChartType = (typeof CHART_TYPES)[number];

const time = (t: number) => t as UTCTimestamp;

function chartLayoutOptions(colors: ChartColors): DeepPartial<ChartOptions> {
  return {
    layout: { background: { type: ColorType.Solid, color: colors.panel }, textColor: colors.muted, fontSize: 11 },
    grid: { vertLines: { color: colors.border }, horzLines: { color: colors.border } },
    rightPriceScale: { borderColor: colors.border },
    timeScale: { borderColor: colors.border },
    crosshair: { vertLine: { labelBackgroundColor: colors.accent }, horzLine: { labelBackgroundColor: colors.accent } },
  };
}

/** Index of the candle at `time` in time-sorted candles (binary search), or -1. */
function indexOfTime(candles: readonly DrawableCandle[], t: number): number {
  let lo = 0;
  let hi = candles.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const at = candles[mid]!.time;
    if (at === t) return mid;
    if (at < t) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

export class PriceChartController {
  private readonly chart: IChartApi;
  private readonly candleSeries: ISeriesApi<'Candlestick'>;
  private readonly volumeSeries: ISeriesApi<'Histogram'>;
  private readonly closeSeries: ISeriesApi<'Line'>;
  private readonly studies: ChartStudies;
  private marks: ChartOwnMarks;
  private type: ChartType = 'candles';
  private interval: OhlcInterval = 60;
  private own: { orders: readonly OrderLike[]; fills: readonly FillLike[] } = { orders: [], fills: [] };
  private readonly cleanups: (() => void)[] = [];
  private colors: ChartColors = readChartColors();
  private candles: DrawableCandle[] = [];
  /** `candles` as numbers, as last converted (bars() rebuilds it; a live candle updates its newest bar) */
  private barCache: OhlcvBar[] = [];
  private readonly byTime = new Map<number, DrawableCandle>();
  private hovering = false;
  /** the bar the legend shows: the hovered one, else the newest */
  private hovered: DrawableCandle | undefined;
  private pricePrecision = 2;
  private generation = 0;
  private abort: AbortController | undefined;
  private stopLive: (() => void) | undefined;
  private target: { symbol: string; interval: OhlcInterval } | undefined;
  private cursor: number | undefined;
  private status: HistoryStatus = { phase: 'loading', loadingOlder: false, complete: false };

  constructor(private readonly el: HTMLElement, private readonly deps: PriceChartDeps) {
    this.chart = createChart(el, {
      width: el.clientWidth, height: el.clientHeight, ...chartLayoutOptions(this.colors),
      rightPriceScale: { borderColor: this.colors.border, scaleMargins: { top: 0.08, bottom: 0.25 } },
      timeScale: { borderColor: this.colors.border, rightOffset: 4 },
    });
    this.candleSeries = this.chart.addSeries(CandlestickSeries, { borderVisible: false });
    this.volumeSeries = this.chart.addSeries(HistogramSeries, {
      priceScaleId: 'volume', priceFormat: { type: 'volume' }, lastValueVisible: false, priceLineVisible: false,
    });
    this.chart.priceScale('volume').applyOptions({ scaleMargins: { top: 0.8, bottom: 0 } });
    this.closeSeries = this.chart.addSeries(LineSeries, { lineWidth: 2, visible: false, color: this.colors.accent });
    this.studies = new ChartStudies(this.chart);
    this.marks = new ChartOwnMarks(this.candleSeries, this.colors);
    this.applyColors();

    const onCrosshair = (param: MouseEventParams) => this.onCrosshair(param);
    this.chart.subscribeCrosshairMove(onCrosshair);
    const onRange = (range: LogicalRange | null) => {
      if (range && range.from < SCROLL_BACK_MARGIN) void this.loadOlder();
    };
    this.chart.timeScale().subscribeVisibleLogicalRangeChange(onRange);
    const resize = new ResizeObserver(() => this.chart.resize(el.clientWidth, el.clientHeight));
    resize.observe(el);
    this.cleanups.push(
      () => this.chart.unsubscribeCrosshairMove(onCrosshair),
      () => this.chart.timeScale().unsubscribeVisibleLogicalRangeChange(onRange),
      () => resize.disconnect(),
      watchTheme(() => this.applyColors()),
    );
  }

  /** Shows `symbol` at `interval` minutes: history from the route, then the live candle from the feed. */
  show(symbol: string, interval: OhlcInterval): void {
    this.stopLoading();
    const generation = ++this.generation;
    this.target = { symbol, interval };
    this.interval = interval;
    this.cursor = undefined;
    this.candles = [];
    this.redraw();
    this.chart.applyOptions({ timeScale: { timeVisible: interval < 1440, secondsVisible: false } });
    this.report({ phase: 'loading', loadingOlder: false, complete: false });
    const current = () => generation === this.generation;
    // Live first, so no candle printed while history loads is missed; the feed's bars win on overlap.
    this.stopLive = this.deps.subscribeLive(symbol, interval, {
      snapshot: (candles) => current() && this.merge(candles, 'incoming'),
      bar: (candle) => current() && this.applyLive(candle),
    });
    const abort = new AbortController();
    this.abort = abort;
    this.deps.fetchPage({ symbol, interval, signal: abort.signal }).then(
      (page) => {
        if (!current()) return;
        this.cursor = page.from;
        this.merge(page.candles, 'held');
        // a new interval starts at its newest candles, not at the previous interval's scroll position
        this.chart.timeScale().scrollToRealTime();
        this.report({ phase: 'ready', loadingOlder: false, complete: page.complete, note: page.note });
      },
      (error: unknown) => {
        if (!current() || abort.signal.aborted) return;
        this.report({ phase: 'error', message: error instanceof Error ? error.message : 'Candle history failed.', loadingOlder: false, complete: false });
      },
    );
  }

  setIndicators(specs: readonly StudySpec[]): void {
    this.studies.set(specs, this.bars());
    this.writeLegend();
  }

  /** Linear, logarithmic or percent-from-the-first-bar price axis. */
  setScale(scale: ChartScale): void {
    this.chart.priceScale('right').applyOptions({ mode: SCALE_MODE[scale] });
  }

  /** Candles, a close line or Heikin-Ashi candles; own orders and fills follow the series shown. */
  setType(type: ChartType): void {
    if (type === this.type) return;
    this.type = type;
    this.candleSeries.applyOptions({ visible: type !== 'line' });
    this.closeSeries.applyOptions({ visible: type === 'line' });
    this.marks.dispose();
    this.marks = new ChartOwnMarks(type === 'line' ? this.closeSeries : this.candleSeries, this.colors);
    this.redraw();
  }

  /** The member's open orders (price lines) and fills (markers) on this pair. */
  setOwn(orders: readonly OrderLike[], fills: readonly FillLike[]): void {
    this.own = { orders, fills };
    this.marks.setOrders(orderLines(orders));
    this.drawFills();
  }

  /** Lets the member drag their orders' lines; `onDrop` proposes the amend (see OrderLineDrag). */
  enableOrderDrag(onDrop: (drop: OrderDrop) => void): void {
    const drag = new OrderLineDrag(this.el, () => this.marks, onDrop);
    this.cleanups.push(() => drag.dispose());
  }

  /** A dragged line follows its order again (amend refused, cancelled, or sent). */
  releaseOrder(id: string): void {
    this.marks.release(id);
  }

  setPrecision(pricePrecision: number): void {
    this.pricePrecision = pricePrecision;
    const priceFormat = { type: 'price', precision: pricePrecision, minMove: minMoveFor(pricePrecision) } as const;
    for (const series of [this.candleSeries, this.closeSeries]) series.applyOptions({ priceFormat });
    // thousands separators on the axis and crosshair labels ("64,210.5"), in the pair's precision
    const format = new Intl.NumberFormat('en-US', { minimumFractionDigits: pricePrecision, maximumFractionDigits: pricePrecision });
    this.chart.applyOptions({ localization: { priceFormatter: (price: number) => format.format(price) } });
  }

  dispose(): void {
    this.stopLoading();
    this.generation++;
    for (const cleanup of this.cleanups.splice(0)) cleanup();
    this.marks.dispose();
    this.studies.dispose();
    this.chart.remove();
  }

  private stopLoading(): void {
    this.abort?.abort();
    this.abort = undefined;
    this.stopLive?.();
    this.stopLive = undefined;
  }

  private async loadOlder(): Promise<void> {
    const target = this.target;
    const cursor = this.cursor;
    if (!target || cursor === undefined || this.status.phase !== 'ready' || this.status.loadingOlder || this.status.complete) return;
    const generation = this.generation;
    this.report({ ...this.status, loadingOlder: true });
    try {
      const older = await fetchOlderPages(this.deps.fetchPage, { ...target, cursor, signal: this.abort?.signal });
      if (generation !== this.generation) return;
      this.cursor = older.cursor;
      if (older.candles.length > 0) this.merge(older.candles, 'held');
      this.report({ ...this.status, complete: older.complete, note: older.note });
    } catch (error) {
      if (generation === this.generation && !this.abort?.signal.aborted) {
        this.report({ ...this.status, note: error instanceof Error ? error.message : 'Older candles failed to load.' });
      }
    } finally {
      if (generation === this.generation) this.report({ ...this.status, loadingOlder: false });
    }
  }

  private merge(incoming: readonly DrawableCandle[], winner: 'held' | 'incoming'): void {
    this.candles = winner === 'held' ? mergeCandles(this.candles, incoming) : mergeCandles(incoming, this.candles);
    this.redraw();
  }

  private applyLive(candle: DrawableCandle): void {
    const last = this.candles[this.candles.length - 1];
    if (last && candle.time < last.time) return;
    if (last && candle.time === last.time) this.candles[this.candles.length - 1] = candle;
    else this.candles.push(candle);
    const opened = !last || candle.time !== last.time;
    this.byTime.set(candle.time, candle);
    const bars = this.barsAfterLive(opened);
    this.candleSeries.update({ ...this.shownBar(bars), time: time(candle.time) });
    this.closeSeries.update({ time: time(candle.time), value: Number(candle.close) });
    this.volumeSeries.update(this.volumePoint(candle));
    this.studies.updateLast(bars);
    if (opened) this.drawFills();
    if (!this.hovering) this.writeLegend();
  }

  private redraw(): void {
    this.byTime.clear();
    for (const c of this.candles) this.byTime.set(c.time, c);
    const bars = this.bars();
    const shown = this.type === 'heikin-ashi' ? heikinAshi(bars) : bars;
    this.candleSeries.setData(shown.map((b) => ({ open: b.open, high: b.high, low: b.low, close: b.close, time: time(b.time) })));
    this.closeSeries.setData(bars.map((b) => ({ time: time(b.time), value: b.close })));
    this.volumeSeries.setData(this.candles.map((c) => this.volumePoint(c)));
    this.studies.redraw(bars);
    this.drawFills();
    if (!this.hovering) this.writeLegend();
  }

  /** The loaded candles as numbers, oldest first (studies and Heikin-Ashi read these); kept for live updates. */
  private bars(): OhlcvBar[] {
    this.barCache = this.candles.map(toOhlcvBar);
    return this.barCache;
  }

  /**
   * The bars after a live candle changed the newest one (or opened a new one): only that bar is converted,
   * so a live update allocates one bar instead of the whole series; anything else rebuilds them all.
   */
  private barsAfterLive(opened: boolean): OhlcvBar[] {
    const cache = this.barCache;
    const newest = this.candles[this.candles.length - 1];
    if (!newest || cache.length !== this.candles.length - (opened ? 1 : 0) || (!opened && cache.length === 0)) return this.bars();
    if (opened) cache.push(toOhlcvBar(newest));
    else cache[cache.length - 1] = toOhlcvBar(newest);
    return cache;
  }

  /** The newest bar as drawn: Heikin-Ashi needs the bars before it. */
  private shownBar(bars: readonly OhlcvBar[]): OhlcvBar {
    if (this.type !== 'heikin-ashi') return bars[bars.length - 1]!;
    return heikinAshi(bars.slice(-64)).at(-1)!;
  }

  private drawFills(): void {
    this.marks.setFills(fillMarkers(this.own.fills, this.candles.map((c) => c.time), this.interval * 60));
  }

  private volumePoint(c: DrawableCandle) {
    const bar = toVolumeBar(c);
    return { time: time(bar.time), value: bar.value, color: withAlpha(bar.up ? this.colors.up : this.colors.down, 0.45) };
  }

  private onCrosshair(param: MouseEventParams): void {
    const hovered = param.point && typeof param.time === 'number' ? this.byTime.get(param.time) : undefined;
    this.hovering = hovered !== undefined;
    this.hovered = hovered;
    this.writeLegend();
  }

  /** The legend at the hovered bar (or the newest): OHLCV and each study's values there. */
  private writeLegend(): void {
    const index = this.hovering && this.hovered ? indexOfTime(this.candles, this.hovered.time) : this.candles.length - 1;
    const candle = this.candles[index];
    this.deps.onLegend(candle, index >= 0 ? this.studies.legend(index, this.pricePrecision) : []);
  }

  private applyColors(): void {
    this.colors = readChartColors();
    const { up, down } = this.colors;
    this.chart.applyOptions(chartLayoutOptions(this.colors));
    this.candleSeries.applyOptions({ upColor: up, downColor: down, wickUpColor: up, wickDownColor: down });
    this.closeSeries.applyOptions({ color: this.colors.accent });
    this.marks?.recolor(this.colors);
    this.volumeSeries.setData(this.candles.map((c) => this.volumePoint(c)));
  }

  private report(status: HistoryStatus): void {
    const before = this.status;
    this.status = status;
    if (before.phase !== status.phase || before.message !== status.message || before.loadingOlder !== status.loadingOlder
      || before.complete !== status.complete || before.note !== status.note) {
      this.deps.onStatus(status);
    }
  }
}

function toOhlcvBar(c: DrawableCandle): OhlcvBar {
  return { ...toPriceBar(c), time: c.time, volume: Number(c.volume) };
}
