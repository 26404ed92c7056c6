import type { BookSnapshot } from '../desk-services';
import type { KrakenClient } from '../kraken/rest';
import { assetIdToCode } from '../kraken/symbols';
import type { AssetPair, Ticker } from '../kraken/types';
import { AppError } from '../errors';
import { CachedRead } from '../ttl-cache';
import type { BookView } from '../desk-api/book';

/** The hub's live book, best `depth` levels per side; undefined unless the hub keeps it at least that deep. */
export type BookSource = (symbol: string, depth: number) => BookSnapshot | undefined;

/** Public market data the private path needs, cached so previews and valuations cost few public calls. */
export interface MarketContext {
  /** The listed pair for a WS v2 symbol such as `BTC/USD`; AppError 404 when it is not listed. */
  pair(symbol: string): Promise<AssetPair>;
  pairs(): Promise<AssetPair[]>;
  tickers(): Promise<Ticker[]>;
  /** USD per one unit of `asset` (a common code such as `BTC`), or undefined when no USD pair prices it. */
  usdRate(asset: string): Promise<string | undefined>;
  /**
   * PREVIEW_DEPTH levels per side: the hub's live book when it keeps the symbol at least that deep, else REST
   * Depth with that count (cached ~1 s). Never a shallower book: an order walking past its last level would
   * be previewed as filling at prices nobody offered.
   */
  book(symbol: string): Promise<BookView & { source: 'live' | 'rest' }>;
}

const PAIRS_TTL_MS = 60_000;
/** a pair's rules (minimums, tick size, status) answered at most this much past their minute */
const PAIRS_STALE_MS = 10 * 60_000;
const TICKERS_TTL_MS = 5_000;
/** USD rates for the limits of pairs not quoted in USD, at most this much past their 5 s */
const TICKERS_STALE_MS = 60_000;

/** Levels per side a preview walks: Kraken's REST Depth maximum. */
export const PREVIEW_DEPTH = 500;

/**
 * @param keepBook told of every book asked for (book-keeper.ts), so the hub keeps that symbol's book deep enough for
 *   the next preview or placement to read it live
 */
export function createMarketContext(kraken: KrakenClient, hubBook: BookSource | undefined, now: () => number = Date.now, keepBook?: (symbol: string) => void): MarketContext {
  // An order needs the pairs (and, for a quote other than USD, the tickers) before it can be sent; past their TTL
  // it takes the last ones while a refresh runs, so no order waits on an AssetPairs or Ticker call once the desk
  // has loaded them (on Kraken each is a round trip as long as the AddOrder itself).
  const pairs = new CachedRead(() => kraken.public.assetPairs(), PAIRS_TTL_MS, now, PAIRS_STALE_MS);
  const tickers = new CachedRead(() => kraken.public.ticker(), TICKERS_TTL_MS, now, TICKERS_STALE_MS);
  const depths = new Map<string, CachedRead<BookView>>();

  async function pair(symbol: string): Promise<AssetPair> {
    const upper = symbol.toUpperCase();
    const found = (await pairs.get()).find((p) => p.symbol === upper);
    if (!found) throw new AppError('unknown_pair', `${symbol} is not a pair listed on the exchange.`);
    return found;
  }

  return {
    pair,
    pairs: () => pairs.get(),
    tickers: () => tickers.get(),
    async usdRate(asset) {
      const code = assetIdToCode(asset.toUpperCase());
      if (code === 'USD') return '1';
      const list = await tickers.get();
      const direct = list.find((t) => t.symbol === `${code}/USD`);
      if (direct) return direct.last;
      return undefined;
    },
    async book(symbol) {
      keepBook?.(symbol);
      const live = hubBook?.(symbol, PREVIEW_DEPTH);
      if (live && live.live && (live.asks.length > 0 || live.bids.length > 0)) return { asks: live.asks, bids: live.bids, source: 'live' };
      let cached = depths.get(symbol);
      if (!cached) {
        cached = new CachedRead(async () => {
          const book = await kraken.public.depth(symbol, { count: PREVIEW_DEPTH });
          return { asks: book.asks, bids: book.bids };
        }, 1_000, now);
        depths.set(symbol, cached);
      }
      return { ...(await cached.get()), source: 'rest' };
    },
  };
}
