/**
 * The chart's studies from the member's picker: SMA, EMA, VWAP and Bollinger bands over the price,
 * RSI and MACD each in a pane of their own under it. Series exist only for studies that are on; a
 * live candle recomputes the (cheap, O(n)) study and updates only its newest point, so the chart
 * never re-lays its whole data per tick. Loaded with the chart controller, never on first paint.
 */
import { HistogramSeries, LineSeries, LineStyle, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import { bollinger, ema, macd, rsi, sma, vwap, type OhlcvBar } from '@/lib/candles/studies';
import { BOLLINGER_K, MACD_SIGNAL, macdSlow, studyReadout, type StudySpec } from '@/lib/candles/study-readout';

export type { StudySpec };

/** One study's line in the legend, in its colour. */
export interface StudyLegend {
  text: string;
  color: string;
}

const COLORS = ['#f59e0b', '#38bdf8', '#a78bfa', '#f472b6', '#34d399', '#fb923c'];

type Line = ISeriesApi<'Line'> | ISeriesApi<'Histogram'>;
type Values = (number | undefined)[];

interface Drawn {
  spec: StudySpec;
  color: string;
  series: Line[];
  compute: (bars: readonly OhlcvBar[]) => Values[];
  /** the last computed values (one array per series), read by the legend at any bar */
  values: Values[];
}

export const studyKey = (s: StudySpec) => `${s.kind}:${s.period}`;

export class ChartStudies {
  private drawn: Drawn[] = [];

  constructor(private readonly chart: IChartApi) {}

  /** Shows exactly `specs` (adding and removing series), then draws them over `bars`. */
  set(specs: readonly StudySpec[], bars: readonly OhlcvBar[]): void {
    const wanted = new Set(specs.map(studyKey));
    for (const d of this.drawn) if (!wanted.has(studyKey(d.spec))) for (const s of d.series) this.chart.removeSeries(s);
    const kept = this.drawn.filter((d) => wanted.has(studyKey(d.spec)));
    const have = new Set(kept.map((d) => studyKey(d.spec)));
    this.drawn = [...kept, ...specs.filter((s) => !have.has(studyKey(s))).map((s, i) => this.create(s, kept.length + i))];
    this.redraw(bars);
  }

  redraw(bars: readonly OhlcvBar[]): void {
    for (const d of this.drawn) {
      d.values = d.compute(bars);
      d.values.forEach((values, i) => {
        const data = values.flatMap((value, j) => (value === undefined ? [] : [{ time: bars[j]!.time as UTCTimestamp, value }]));
        d.series[i]!.setData(data);
      });
    }
  }

  /** The newest bar changed or opened: update each study's last point. */
  updateLast(bars: readonly OhlcvBar[]): void {
    const last = bars[bars.length - 1];
    if (!last) return;
    for (const d of this.drawn) {
      d.values = d.compute(bars);
      d.values.forEach((values, i) => {
        const value = values[values.length - 1];
        if (value !== undefined) d.series[i]!.update({ time: last.time as UTCTimestamp, value });
      });
    }
  }

  /**
   * Each study's values at bar `index` of the last bars drawn, for the legend ("SMA 20 67,234.5"). The
   * legend lists values in reading order: MACD line, signal, histogram; Bollinger middle, upper, lower.
   */
  legend(index: number, pricePrecision: number): StudyLegend[] {
    return this.drawn.map((d) => {
      const at = d.values.map((v) => v[index]);
      const ordered = d.spec.kind === 'macd' ? [at[1], at[2], at[0]] : at;
      return { text: studyReadout(d.spec, ordered, pricePrecision), color: d.color };
    });
  }

  dispose(): void {
    for (const d of this.drawn) for (const s of d.series) this.chart.removeSeries(s);
    this.drawn = [];
  }

  private create(spec: StudySpec, index: number): Drawn {
    const color = COLORS[index % COLORS.length]!;
    const line = { lineWidth: 1, priceLineVisible: false, lastValueVisible: false, crosshairMarkerVisible: false, color } as const;
    const closes = (bars: readonly OhlcvBar[]) => bars.map((b) => b.close);
    const p = spec.period;
    const base = { spec, color, values: [] as Values[] };
    switch (spec.kind) {
      case 'sma':
        return { ...base, series: [this.chart.addSeries(LineSeries, line)], compute: (b) => [sma(closes(b), p)] };
      case 'ema':
        return { ...base, series: [this.chart.addSeries(LineSeries, line)], compute: (b) => [ema(closes(b), p)] };
      case 'vwap':
        return { ...base, series: [this.chart.addSeries(LineSeries, { ...line, lineStyle: LineStyle.Dotted })], compute: (b) => [vwap(b)] };
      case 'bollinger': {
        const band = { ...line, lineStyle: LineStyle.Dashed };
        return {
          ...base,
          series: [this.chart.addSeries(LineSeries, line), this.chart.addSeries(LineSeries, band), this.chart.addSeries(LineSeries, band)],
          compute: (b) => {
            const bands = bollinger(closes(b), p, BOLLINGER_K);
            return [bands.middle, bands.upper, bands.lower];
          },
        };
      }
      case 'rsi': {
        const pane = this.nextPane();
        const series = this.chart.addSeries(LineSeries, { ...line, lastValueVisible: true }, pane);
        series.createPriceLine({ price: 70, color: '#64748b', lineStyle: LineStyle.Dotted, lineWidth: 1, axisLabelVisible: false });
        series.createPriceLine({ price: 30, color: '#64748b', lineStyle: LineStyle.Dotted, lineWidth: 1, axisLabelVisible: false });
        return { ...base, series: [series], compute: (b) => [rsi(closes(b), p)] };
      }
      case 'macd': {
        const pane = this.nextPane();
        // fast period as picked; slow and signal keep the classic 26/9 proportions
        const slow = macdSlow(p);
        return {
          ...base,
          series: [
            this.chart.addSeries(HistogramSeries, { priceLineVisible: false, lastValueVisible: false, color: '#64748b' }, pane),
            this.chart.addSeries(LineSeries, { ...line, lastValueVisible: true }, pane),
            this.chart.addSeries(LineSeries, { ...line, color: '#f472b6' }, pane),
          ],
          compute: (b) => {
            const m = macd(closes(b), p, slow, MACD_SIGNAL);
            return [m.histogram, m.macd, m.signal];
          },
        };
      }
    }
  }

  /** A new pane under the last one (pane 0 is the price). */
  private nextPane(): number {
    return this.chart.panes().length;
  }
}
