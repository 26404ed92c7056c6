/**
 * The chart's studies from the member's picker: SMA, EMA, VWAP and Bollinger bands over the price,
 * RSI and MACD each in a pane of their own under it. Series exist only for studies that are on; a
 * live candle recomputes the (cheap, O(n)) study and updates only its newest point, so the chart
 * never re-lays its whole data per tick. Loaded with the chart controller, never on first paint.
 */
import { HistogramSeries, LineSeries, LineStyle, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import { bollinger, ema, macd, rsi, sma, vwap, type OhlcvBar } from '@/lib/candles/studies';
import type { IndicatorKind } from '@/lib/settings/member-ui';
import { STUDY_LABELS } from './study-labels';

export interface StudySpec {
  kind: IndicatorKind;
  period: number;
}

const COLORS = ['#f59e0b', '#38bdf8', '#a78bfa', '#f472b6', '#34d399', '#fb923c'];

type Line = ISeriesApi<'Line'> | ISeriesApi<'Histogram'>;
type Values = (number | undefined)[];

interface Drawn {
  spec: StudySpec;
  series: Line[];
  compute: (bars: readonly OhlcvBar[]) => Values[];
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
      d.compute(bars).forEach((values, i) => {
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
      d.compute(bars).forEach((values, i) => {
        const value = values[values.length - 1];
        if (value !== undefined) d.series[i]!.update({ time: last.time as UTCTimestamp, value });
      });
    }
  }

  /** The newest value of each study, for the legend ("RSI 14  61.2"). */
  latest(bars: readonly OhlcvBar[]): { label: string; value: number | undefined }[] {
    return this.drawn.map((d) => ({ label: `${STUDY_LABELS[d.spec.kind]}${d.spec.kind === 'vwap' ? '' : ` ${d.spec.period}`}`, value: d.compute(bars)[0]?.at(-1) }));
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
    switch (spec.kind) {
      case 'sma':
        return { spec, series: [this.chart.addSeries(LineSeries, line)], compute: (b) => [sma(closes(b), p)] };
      case 'ema':
        return { spec, series: [this.chart.addSeries(LineSeries, line)], compute: (b) => [ema(closes(b), p)] };
      case 'vwap':
        return { spec, series: [this.chart.addSeries(LineSeries, { ...line, lineStyle: LineStyle.Dotted })], compute: (b) => [vwap(b)] };
      case 'bollinger': {
        const band = { ...line, lineStyle: LineStyle.Dashed };
        return {
          spec,
          series: [this.chart.addSeries(LineSeries, line), this.chart.addSeries(LineSeries, band), this.chart.addSeries(LineSeries, band)],
          compute: (b) => {
            const bands = bollinger(closes(b), p);
            return [bands.middle, bands.upper, bands.lower];
          },
        };
      }
      case 'rsi': {
        const pane = this.nextPane();
        const series = this.chart.addSeries(LineSeries, { ...line, lastValueVisible: true }, pane);
        series.createPriceLine({ price: 70, color: '#64748b', lineStyle: LineStyle.Dotted, lineWidth: 1, axisLabelVisible: false });
        series.createPriceLine({ price: 30, color: '#64748b', lineStyle: LineStyle.Dotted, lineWidth: 1, axisLabelVisible: false });
        return { spec, series: [series], compute: (b) => [rsi(closes(b), p)] };
      }
      case 'macd': {
        const pane = this.nextPane();
        // fast period as picked; slow and signal keep the classic 26/9 proportions
        const slow = Math.max(p + 1, Math.round((p * 26) / 12));
        return {
          spec,
          series: [
            this.chart.addSeries(HistogramSeries, { priceLineVisible: false, lastValueVisible: false, color: '#64748b' }, pane),
            this.chart.addSeries(LineSeries, { ...line, lastValueVisible: true }, pane),
            this.chart.addSeries(LineSeries, { ...line, color: '#f472b6' }, pane),
          ],
          compute: (b) => {
            const m = macd(closes(b), p, slow, 9);
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
