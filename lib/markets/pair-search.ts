/**
 * Finding a pair by whatever a trader types: the WS v2 symbol (`BTC/USD`), Kraken's altname (`XBTUSD`),
 * WS v1 name (`XBT/USD`), the URL form (`btc-usd`), a base code (`btc`, `xbt`) or a common name (`bitcoin`).
 * Pure: the trade page's switcher and its URL resolution share it.
 */

/** The names one pair answers to. */
export interface PairNames {
  /** WS v2 symbol, e.g. BTC/USD */
  symbol: string;
  /** REST altname, e.g. XBTUSD */
  altname: string;
  /** WS v1 name, e.g. XBT/USD */
  wsname: string;
  /** common codes, e.g. BTC / USD */
  base: string;
  quote: string;
}

/** Everyday names of the assets a desk is most likely to list (lower case → common code). */
const COMMON_NAMES: Readonly<Record<string, string>> = {
  bitcoin: 'BTC', xbt: 'BTC', ether: 'ETH', ethereum: 'ETH', solana: 'SOL', ripple: 'XRP', cardano: 'ADA',
  dogecoin: 'DOGE', doge: 'DOGE', xdg: 'DOGE', polkadot: 'DOT', litecoin: 'LTC', chainlink: 'LINK',
  avalanche: 'AVAX', polygon: 'POL', matic: 'POL', stellar: 'XLM', monero: 'XMR', tether: 'USDT',
  'usd coin': 'USDC', tron: 'TRX', cosmos: 'ATOM', uniswap: 'UNI', 'bitcoin cash': 'BCH', zcash: 'ZEC',
  tezos: 'XTZ', algorand: 'ALGO', filecoin: 'FIL', aave: 'AAVE', shiba: 'SHIB', 'shiba inu': 'SHIB',
  pepe: 'PEPE', near: 'NEAR', sui: 'SUI', aptos: 'APT', arbitrum: 'ARB', optimism: 'OP', dollar: 'USD',
  euro: 'EUR', pound: 'GBP', sterling: 'GBP', yen: 'JPY',
};

const normalise = (text: string) => text.trim().toLowerCase().replace(/\s+/g, ' ');
/** `btc-usd`, `btc usd`, `btc_usd` and `btc/usd` are all the same thing typed differently. */
const asSymbol = (text: string) => text.toUpperCase().replace(/[-_ ]/g, '/');

/** The common code a typed word names (`bitcoin` → BTC, `xbt` → BTC), or undefined. */
export function codeForName(word: string): string | undefined {
  return COMMON_NAMES[normalise(word)];
}

/** How well a pair matches: lower is better; undefined when it does not match at all. */
function rank(pair: PairNames, query: string): number | undefined {
  const q = normalise(query);
  if (!q) return 0;
  const upper = asSymbol(q);
  const compact = upper.replace(/\//g, '');
  const named = codeForName(q);
  if (pair.symbol === upper || pair.wsname === upper || pair.altname === compact || pair.symbol.replace('/', '') === compact) return 0;
  if (pair.base === upper || named === pair.base) return 1;
  if (pair.base.startsWith(upper) || pair.altname.startsWith(compact) || pair.wsname.startsWith(upper) || pair.symbol.startsWith(upper)) return 2;
  const name = Object.entries(COMMON_NAMES).find(([n, code]) => code === pair.base && n.startsWith(q));
  if (name) return 3;
  if (pair.symbol.includes(upper) || pair.altname.includes(compact)) return 4;
  return undefined;
}

/**
 * Pairs matching `query`, best first (exact name, then base code or common name, then prefixes, then
 * substrings); ties keep the order given. An empty query returns every pair.
 */
export function searchPairs<T extends PairNames>(pairs: readonly T[], query: string): T[] {
  return pairs
    .map((pair, index) => ({ pair, index, rank: rank(pair, query) }))
    .filter((r): r is { pair: T; index: number; rank: number } => r.rank !== undefined)
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((r) => r.pair);
}

/** URL form of a WS v2 symbol: BTC/USD → BTC-USD. */
export const pairSlug = (symbol: string) => symbol.replace('/', '-');

/**
 * The pair a trade-page path segment names, in any of Kraken's spellings and any case: `BTC-USD`,
 * `BTC/USD` (as `BTC%2FUSD`), `XBTUSD`, `xbt-usd`, `XBT/USD`. Only exact names resolve (never a
 * search's best guess), so a typo is a 404 rather than a surprise market.
 */
export function resolvePairSegment<T extends PairNames>(pairs: readonly T[], segment: string): T | undefined {
  let text: string;
  try {
    text = decodeURIComponent(segment);
  } catch {
    return undefined;
  }
  const upper = asSymbol(text.trim());
  if (!/^[A-Z0-9./]{2,30}$/.test(upper)) return undefined;
  const compact = upper.replace(/\//g, '');
  return (
    pairs.find((p) => p.symbol === upper) ??
    pairs.find((p) => p.wsname === upper || p.altname === compact) ??
    pairs.find((p) => p.symbol.replace('/', '') === compact)
  );
}

/** What the trade page's switcher and watchlist know of each listed pair. */
export interface PairChoice extends PairNames {
  pricePrecision: number;
}
