/**
 * A member's screen settings (chart, book, markets list, trade page layout), kept on the server with the
 * member so they follow them to any browser. One schema for the route's input, the stored JSON and the
 * browser: every section is optional, and reading fills what is missing (or no longer valid) with defaults,
 * so a setting added later or a value an older version stored never breaks a page.
 * zod/mini keeps this light in the trade page's bundle.
 */
import * as z from 'zod/mini';
import { BOOK_DEPTHS, OHLC_INTERVALS } from '../protocol-basics';
import { DEFAULT_UI_SETTINGS, mergeSettings } from './member-ui-basics';

import { CHART_PCT, CHART_SCALES, CHART_TYPES, GROUPINGS, INDICATOR_KINDS, MARKET_SORT_KEYS, SIDE_WIDTH } from './member-ui-basics';

export { CHART_PCT, CHART_SCALES, CHART_TYPES, DEFAULT_UI_SETTINGS, GROUPINGS, INDICATOR_KINDS, MARKET_SORT_KEYS, SIDE_WIDTH, type IndicatorKind } from './member-ui-basics';

const literals = <T extends readonly (string | number)[]>(values: T) =>
  z.union(values.map((v) => z.literal(v)) as unknown as [z.ZodMiniLiteral<T[number]>, ...z.ZodMiniLiteral<T[number]>[]]);

const indicator = z.object({ kind: z.enum(INDICATOR_KINDS), period: z.int().check(z.minimum(2), z.maximum(400)) });

const sections = {
  chart: z.object({
    interval: literals(OHLC_INTERVALS),
    scale: z.enum(CHART_SCALES),
    type: z.enum(CHART_TYPES),
    indicators: z.array(indicator).check(z.maxLength(8)),
  }),
  book: z.object({ depth: literals(BOOK_DEPTHS), grouping: literals(GROUPINGS) }),
  markets: z.object({ sort: z.enum(MARKET_SORT_KEYS), direction: z.enum(['asc', 'desc']) }),
  layout: z.object({
    watchlist: z.boolean(),
    panel: z.enum(['orders', 'fills']),
    sideWidth: z.int().check(z.minimum(SIDE_WIDTH.min), z.maximum(SIDE_WIDTH.max)),
    chartPct: z.int().check(z.minimum(CHART_PCT.min), z.maximum(CHART_PCT.max)),
  }),
};

export type MemberUiSettings = { [K in keyof typeof sections]: z.output<(typeof sections)[K]> };
export type SettingsPatch = { [K in keyof MemberUiSettings]?: Partial<MemberUiSettings[K]> };

/** PUT body: any sections, each with any of its fields; nothing else (an unknown key is a mistake to report). */
export const settingsPatchSchema = z.strictObject({
  chart: z.optional(z.partial(z.strictObject(sections.chart.shape))),
  book: z.optional(z.partial(z.strictObject(sections.book.shape))),
  markets: z.optional(z.partial(z.strictObject(sections.markets.shape))),
  layout: z.optional(z.partial(z.strictObject(sections.layout.shape))),
});

/**
 * Settings from stored (or any) JSON: each field that is present and valid is kept, anything else is the
 * default. Never throws.
 */
export function readSettings(stored: unknown): MemberUiSettings {
  const out = structuredClone(DEFAULT_UI_SETTINGS) as Record<string, Record<string, unknown>>;
  if (typeof stored !== 'object' || stored === null) return out as MemberUiSettings;
  for (const [name, schema] of Object.entries(sections)) {
    const section = (stored as Record<string, unknown>)[name];
    if (typeof section !== 'object' || section === null) continue;
    for (const [field, fieldSchema] of Object.entries(schema.shape)) {
      const parsed = (fieldSchema as z.ZodMiniType).safeParse((section as Record<string, unknown>)[field]);
      if (parsed.success) out[name]![field] = parsed.data;
    }
  }
  return out as MemberUiSettings;
}

/** The settings with a (validated) patch laid over them, section by section. */
export function applyPatch(current: MemberUiSettings, patch: SettingsPatch): MemberUiSettings {
  return readSettings(mergeSettings(current, patch));
}
