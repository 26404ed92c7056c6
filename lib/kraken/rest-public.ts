/** Kraken's public REST endpoints (GET /0/public/*) returning domain types. */
import { KrakenError } from './errors';
import { toAssetPairs, toAssets, toOhlcPage, toDepthPage, toSpreadPage, toTickers, toTradesPage } from './mappers-public';
import type { ClientContext } from './rest-context';
import {
  assetPairsResult, assetsResult, pagedPairResult, parseResult, systemStatusResult, tickerResult, timeResult, depthResult,
} from './schemas';
import type { SymbolMap } from './symbols';
import type { Asset, AssetPair, OhlcPage, DepthPage, ServerTime, SpreadPage, SystemStatusInfo, Ticker, TradesPage } from './types';

/** Candle lengths Kraken serves, in minutes (REST and WS alike; the desk's hub and browsers use the same). */
export const OHLC_INTERVALS = [1, 5, 15, 30, 60, 240, 1440, 10080, 21600] as const;
export type OhlcInterval = (typeof OHLC_INTERVALS)[number];

export interface KrakenPublicApi {
  /** Kraken's clock. */
  time(): Promise<ServerTime>;
  systemStatus(): Promise<SystemStatusInfo>;
  /** @param assets asset names to list (default all) */
  assets(assets?: string[]): Promise<Asset[]>;
  /** @param pairs pair names to list (default all) */
  assetPairs(pairs?: string[]): Promise<AssetPair[]>;
  /** @param pairs any pair names (BTC/USD, BTC-USD, XBTUSD); default all pairs */
  ticker(pairs?: string[]): Promise<Ticker[]>;
  /** @param options.interval minutes (default 1) @param options.since Unix seconds (use the previous `last`) */
  ohlc(pair: string, options?: { interval?: OhlcInterval; since?: number }): Promise<OhlcPage>;
  /** @param options.count levels per side, 1–500 */
  depth(pair: string, options?: { count?: number }): Promise<DepthPage>;
  /** @param options.since cursor text from a previous page's `last` @param options.count 1–1000 */
  trades(pair: string, options?: { since?: string; count?: number }): Promise<TradesPage>;
  /** @param options.since Unix seconds (use the previous `last`) */
  spread(pair: string, options?: { since?: number }): Promise<SpreadPage>;
  /** The cached AssetPairs lookup (loaded on first use; `refresh` reloads it, e.g. after new listings). */
  symbolMap(options?: { refresh?: boolean }): Promise<SymbolMap | undefined>;
}

function checkInt(value: number | undefined, name: string, min: number, max: number): string | undefined {
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new KrakenError('invalid_arguments', `${name} must be an integer in ${min}…${max}, got ${value}`);
  }
  return String(value);
}

/** Unix seconds stay below 1e11 until the year 5138; anything larger is almost surely milliseconds. */
const MAX_UNIX_SECONDS = 99_999_999_999;

async function pagedCall(ctx: ClientContext, method: string, pair: string, extra: Record<string, string | undefined>) {
  const target = await ctx.pairParam(pair);
  const raw = parseResult(pagedPairResult, await ctx.publicGet(method, { pair: target.param, ...extra }), method);
  return { raw, ...target };
}

/**
 * Pair names as sent: ids or altnames, never the slash form. Kraken keys a result by the slash name when asked
 * with one (`pair=BTC/USD` → `"BTC/USD"`), and AssetPairs records do not carry their pair id.
 */
async function pairList(ctx: ClientContext, pairs: string[] | undefined): Promise<string | undefined> {
  if (!pairs) return undefined;
  return (await Promise.all(pairs.map((p) => ctx.pairParam(p)))).map((t) => t.param).join(',');
}

/** The public endpoints over a client context. */
export function createPublicApi(ctx: ClientContext): KrakenPublicApi {
  return {
    time: async () => parseResult(timeResult, await ctx.publicGet('Time'), 'Time'),
    systemStatus: async () => parseResult(systemStatusResult, await ctx.publicGet('SystemStatus'), 'SystemStatus'),
    assets: async (assets) => toAssets(parseResult(assetsResult, await ctx.publicGet('Assets', { asset: assets?.join(',') }), 'Assets')),
    async assetPairs(pairs) {
      const raw = parseResult(assetPairsResult, await ctx.publicGet('AssetPairs', { pair: await pairList(ctx, pairs) }), 'AssetPairs');
      return toAssetPairs(raw);
    },
    async ticker(pairs) {
      const params = await pairList(ctx, pairs);
      const raw = parseResult(tickerResult, await ctx.publicGet('Ticker', { pair: params }), 'Ticker');
      return toTickers(raw, await ctx.symbols());
    },
    async ohlc(pair, options = {}) {
      if (options.interval !== undefined && !OHLC_INTERVALS.includes(options.interval)) {
        throw new KrakenError('invalid_arguments', `interval must be one of ${OHLC_INTERVALS.join(', ')} minutes`);
      }
      const { raw, pair: listed, map } = await pagedCall(ctx, 'OHLC', pair, {
        interval: options.interval === undefined ? undefined : String(options.interval),
        since: checkInt(options.since, 'since (Unix seconds)', 0, MAX_UNIX_SECONDS),
      });
      return toOhlcPage(raw, listed, map);
    },
    async depth(pair, options = {}) {
      const target = await ctx.pairParam(pair);
      const raw = parseResult(depthResult, await ctx.publicGet('Depth', { pair: target.param, count: checkInt(options.count, 'count', 1, 500) }), 'Depth');
      return toDepthPage(raw, target.pair, target.map);
    },
    async trades(pair, options = {}) {
      if (options.since !== undefined && !/^\d+(\.\d+)?$/.test(options.since)) {
        throw new KrakenError('invalid_arguments', 'since must be the numeric cursor from a previous page');
      }
      const { raw, pair: listed, map } = await pagedCall(ctx, 'Trades', pair, {
        since: options.since,
        count: checkInt(options.count, 'count', 1, 1000),
      });
      return toTradesPage(raw, listed, map);
    },
    async spread(pair, options = {}) {
      const { raw, pair: listed, map } = await pagedCall(ctx, 'Spread', pair, { since: checkInt(options.since, 'since (Unix seconds)', 0, MAX_UNIX_SECONDS) });
      return toSpreadPage(raw, listed, map);
    },
    symbolMap(options = {}) {
      if (options.refresh) ctx.refreshSymbols();
      return ctx.symbols();
    },
  };
}
