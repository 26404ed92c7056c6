/**
 * What the chart legend says about each study at one bar: "SMA 20 67,234.5", "BB 20 2 67,234.5
 * 68,010.0 66,459.0", "MACD 12 26 9 12.40 10.05 2.35". Pure: the chart computes the series, this names
 * them and formats their values with the desk's thousands separators.
 */
import { formatDecimal } from '../format';
import type { IndicatorKind } from '../settings/member-ui';

export interface StudySpec {
  kind: IndicatorKind;
  period: number;
}

/** Short names, as the toolbar's buttons and the legend show them. */
export const STUDY_NAMES: Record<IndicatorKind, string> = {
  sma: 'SMA', ema: 'EMA', vwap: 'VWAP', bollinger: 'BB', rsi: 'RSI', macd: 'MACD',
};

/** Bollinger bands are this many standard deviations wide. */
export const BOLLINGER_K = 2;
/** MACD's signal period (the classic 9). */
export const MACD_SIGNAL = 9;

/** MACD's slow period for a picked fast one: the classic 12/26 proportion, always slower than the fast. */
export function macdSlow(fast: number): number {
  return Math.max(fast + 1, Math.round((fast * 26) / 12));
}

/** The study's name with its parameters: "SMA 20", "BB 20 2", "MACD 12 26 9", "VWAP". */
export function studyTitle(spec: StudySpec): string {
  const name = STUDY_NAMES[spec.kind];
  switch (spec.kind) {
    case 'vwap':
      return name;
    case 'bollinger':
      return `${name} ${spec.period} ${BOLLINGER_K}`;
    case 'macd':
      return `${name} ${spec.period} ${macdSlow(spec.period)} ${MACD_SIGNAL}`;
    default:
      return `${name} ${spec.period}`;
  }
}

/**
 * Decimals a study's values are shown with: price studies in the pair's price precision, RSI (0–100)
 * with two, MACD (small differences of prices) with at least two.
 */
export function studyDecimals(kind: IndicatorKind, pricePrecision: number): number {
  if (kind === 'rsi') return 2;
  if (kind === 'macd') return Math.max(2, pricePrecision);
  return pricePrecision;
}

/** One value: grouped thousands, fixed decimals, "—" where the study has too few bars yet. */
export function formatStudyValue(value: number | undefined, decimals: number): string {
  if (value === undefined || !Number.isFinite(value)) return '—';
  return formatDecimal(value.toFixed(decimals), decimals);
}

/** The legend's text for one study at one bar: its title and each of its values in order. */
export function studyReadout(spec: StudySpec, values: readonly (number | undefined)[], pricePrecision: number): string {
  const decimals = studyDecimals(spec.kind, pricePrecision);
  return [studyTitle(spec), ...values.map((v) => formatStudyValue(v, decimals))].join(' ');
}
