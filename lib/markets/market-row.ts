/** One row of the markets table: everything as decimal text from the exchange, plus display precision. */
export interface MarketRow {
  /** WS v2 symbol, e.g. BTC/USD */
  symbol: string;
  /** URL form, e.g. BTC-USD */
  slug: string;
  base: string;
  quote: string;
  last: string;
  /** 24h change in percent, e.g. "-1.39" */
  changePct: string;
  high: string;
  low: string;
  /** 24h volume in base units */
  volume: string;
  /** 24h volume valued in quote (volume × vwap) */
  quoteVolume: string;
  pricePrecision: number;
  qtyPrecision: number;
}

export type MarketSortKey = 'symbol' | 'last' | 'changePct' | 'high' | 'low' | 'quoteVolume';

/** Sorts a copy; numeric columns compare as numbers of the decimal text, ties fall back to symbol. */
export function sortMarkets<T extends MarketRow>(rows: readonly T[], key: MarketSortKey, direction: 'asc' | 'desc'): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const primary = key === 'symbol' ? a.symbol.localeCompare(b.symbol) : compareDecimalText(a[key], b[key]);
    return primary !== 0 ? primary * sign : a.symbol.localeCompare(b.symbol);
  });
}

/** Matches "btc", "BTC/USD", "btc-usd" or a prefix of the base. */
export function filterMarkets<T extends MarketRow>(rows: readonly T[], query: string): T[] {
  const q = query.trim().toUpperCase().replace('-', '/');
  if (!q) return [...rows];
  return rows.filter((r) => r.symbol.includes(q) || r.base.startsWith(q));
}

/** Exact comparison of two decimal texts (no float rounding); unparsable text sorts last. */
export function compareDecimalText(a: string, b: string): number {
  const pa = parse(a);
  const pb = parse(b);
  if (!pa || !pb) return pa ? -1 : pb ? 1 : 0;
  if (pa.negative !== pb.negative) return pa.negative ? -1 : 1;
  const magnitude = compareMagnitude(pa, pb);
  return pa.negative ? -magnitude : magnitude;
}

function parse(text: string): { negative: boolean; int: string; frac: string } | null {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(text.trim());
  if (!m) return null;
  const int = (m[2] ?? '0').replace(/^0+(?=\d)/, '');
  const frac = (m[3] ?? '').replace(/0+$/, '');
  const zero = /^0$/.test(int) && frac === '';
  return { negative: m[1] === '-' && !zero, int, frac };
}

function compareMagnitude(a: { int: string; frac: string }, b: { int: string; frac: string }): number {
  if (a.int.length !== b.int.length) return a.int.length < b.int.length ? -1 : 1;
  if (a.int !== b.int) return a.int < b.int ? -1 : 1;
  const len = Math.max(a.frac.length, b.frac.length);
  const fa = a.frac.padEnd(len, '0');
  const fb = b.frac.padEnd(len, '0');
  return fa === fb ? 0 : fa < fb ? -1 : 1;
}
