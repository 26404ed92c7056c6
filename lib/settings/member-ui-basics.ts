/**
 * The settings' constants and defaults without their zod schemas (member-ui.ts), so the browser's first
 * JavaScript on the trade page does not carry zod: the page only needs the limits and the defaults, and the
 * desk validates every change it is sent (PUT /api/me/settings).
 */
import type { MemberUiSettings, SettingsPatch } from './member-ui';

export const INDICATOR_KINDS = ['sma', 'ema', 'vwap', 'bollinger', 'rsi', 'macd'] as const;
export type IndicatorKind = (typeof INDICATOR_KINDS)[number];
export const CHART_SCALES = ['normal', 'log', 'percent'] as const;
export const CHART_TYPES = ['candles', 'line', 'heikin-ashi'] as const;
export const MARKET_SORT_KEYS = ['symbol', 'last', 'changePct', 'high', 'low', 'quoteVolume'] as const;
export const GROUPINGS = [1, 10, 100, 1000] as const;
/** The trade page's side (book + ticket) width in px at its widest layout, and the chart's share of the window height in %. */
export const SIDE_WIDTH = { min: 480, max: 960, default: 600 } as const;
export const CHART_PCT = { min: 30, max: 85, default: 62 } as const;

export const DEFAULT_UI_SETTINGS: MemberUiSettings = {
  chart: { interval: 60, scale: 'normal', type: 'candles', indicators: [] },
  book: { depth: 25, grouping: 1 },
  markets: { sort: 'quoteVolume', direction: 'desc' },
  layout: { watchlist: true, panel: 'orders', sideWidth: SIDE_WIDTH.default, chartPct: CHART_PCT.default },
};

/** The settings with a patch laid over them, section by section (the browser's copy; the desk validates). */
export function mergeSettings(current: MemberUiSettings, patch: SettingsPatch): MemberUiSettings {
  return {
    chart: { ...current.chart, ...patch.chart },
    book: { ...current.book, ...patch.book },
    markets: { ...current.markets, ...patch.markets },
    layout: { ...current.layout, ...patch.layout },
  };
}
