import type { IndicatorKind } from '@/lib/settings/member-ui';

/**
 * Default periods of the chart's studies, for the toolbar (names: STUDY_NAMES in lib/candles/study-readout).
 * Kept apart from chart-studies.ts, which imports lightweight-charts: the toolbar is on first paint, the
 * chart library is not.
 */
export const STUDY_DEFAULTS_LIGHT: Record<IndicatorKind, number> = { sma: 20, ema: 50, vwap: 2, bollinger: 20, rsi: 14, macd: 12 };
