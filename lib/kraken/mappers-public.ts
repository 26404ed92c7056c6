/** Raw public results (already zod-validated) → domain types. The only place that knows Kraken's positions. */
import type { z } from 'zod';
import { percentChangeText, stepText } from '../decimal';
import { badResponse } from './errors';
import { parseResult, depthEntry, ohlcRow, spreadRow, tradeRow, type assetPairsResult, type assetsResult, type tickerEntry } from './schemas';
import { assetIdToCode, altnameToCode, SymbolMap, wsV1ToSymbol } from './symbols';
import type { Asset, AssetPair, DepthPageLevel, HistoryCandle, OhlcPage, DepthPage, PublicTrade, SpreadPage, Ticker, TradesPage } from './types';

/** Maps the Assets result. */
export function toAssets(raw: z.output<typeof assetsResult>): Asset[] {
  return Object.entries(raw).map(([assetId, a]) => ({
    assetId,
    altname: a.altname,
    code: altnameToCode(a.altname),
    aclass: a.aclass,
    decimals: a.decimals,
    displayDecimals: a.display_decimals,
    status: a.status,
  }));
}

/** Maps the AssetPairs result; the WS v2 symbol comes from `wsname` (XBT → BTC), else from the asset ids. */
export function toAssetPairs(raw: z.output<typeof assetPairsResult>): AssetPair[] {
  return Object.entries(raw).map(([pairId, p]) => {
    const symbol = p.wsname ? wsV1ToSymbol(p.wsname) : `${assetIdToCode(p.base)}/${assetIdToCode(p.quote)}`;
    const [baseCode = '', quoteCode = ''] = symbol.split('/');
    return {
      pairId,
      altname: p.altname,
      wsname: p.wsname ?? symbol,
      symbol,
      base: p.base,
      quote: p.quote,
      baseCode,
      quoteCode,
      pairDecimals: p.pair_decimals,
      lotDecimals: p.lot_decimals,
      costDecimals: p.cost_decimals ?? p.pair_decimals,
      tickSize: p.tick_size ?? stepText(p.pair_decimals),
      ordermin: p.ordermin,
      costmin: p.costmin,
      status: p.status,
      feesTaker: (p.fees ?? []).map(([volume, percent]) => ({ volume, percent })),
      feesMaker: (p.fees_maker ?? []).map(([volume, percent]) => ({ volume, percent })),
    };
  });
}

/** Kraken keys results by pair id, or by the slash name when asked with one (ccxt saw wsname keys too): find the entry defensively. */
export function pickPairKey(result: Record<string, unknown>, pair: AssetPair | undefined, what: string): string {
  const keys = Object.keys(result).filter((k) => k !== 'last');
  const wanted = pair ? [pair.pairId, pair.altname, pair.wsname, pair.symbol] : [];
  const found = wanted.find((k) => k in result) ?? (keys.length === 1 ? keys[0] : undefined);
  if (found === undefined) throw badResponse(`${what}: no entry for ${pair?.pairId ?? 'the pair'}`);
  return found;
}

function symbolFor(key: string, pair: AssetPair | undefined, map: SymbolMap | undefined): string {
  return pair?.symbol ?? map?.toSymbol(key) ?? key;
}

/** Maps one Ticker entry. changePct24h is measured from today's open (UTC midnight), as Kraken reports it. */
export function toTicker(pairId: string, symbol: string, t: z.output<typeof tickerEntry>): Ticker {
  const last = t.c[0]!;
  return {
    pairId,
    symbol,
    ask: t.a[0]!,
    bid: t.b[0]!,
    last,
    open: t.o,
    high24h: t.h[1]!,
    low24h: t.l[1]!,
    volume24h: t.v[1]!,
    vwap24h: t.p[1]!,
    trades24h: t.t[1]!,
    changePct24h: percentChangeText(t.o, last, 2),
  };
}

/** Maps a Ticker result keyed by pair id into a list. */
export function toTickers(raw: Record<string, z.output<typeof tickerEntry>>, map: SymbolMap | undefined): Ticker[] {
  return Object.entries(raw).map(([key, t]) => {
    const pair = map?.resolve(key);
    return toTicker(pair?.pairId ?? key, symbolFor(key, pair, map), t);
  });
}

function rowsOf<T>(result: Record<string, unknown>, key: string, row: z.ZodType<T>, what: string): T[] {
  const rows = result[key];
  if (!Array.isArray(rows)) throw badResponse(`${what}: rows are not an array`);
  return rows.map((r, i) => parseResult(row, r, `${what}[${i}]`));
}

/** Maps an OHLC result; candles stay oldest-first and the open candle stays last. */
export function toOhlcPage(result: Record<string, unknown>, pair: AssetPair | undefined, map: SymbolMap | undefined): OhlcPage {
  const key = pickPairKey(result, pair, 'OHLC');
  const candles: HistoryCandle[] = rowsOf(result, key, ohlcRow, 'OHLC').map(([time, open, high, low, close, vwap, volume, count]) => ({
    time, open, high, low, close, vwap, volume, count,
  }));
  const last = Number(result.last);
  if (!Number.isFinite(last)) throw badResponse('OHLC: last is not a number');
  return { pairId: pair?.pairId ?? key, symbol: symbolFor(key, pair, map), candles, last };
}

/** Maps a Trades result; `last` stays text (a nanosecond cursor exceeds double precision). */
export function toTradesPage(result: Record<string, unknown>, pair: AssetPair | undefined, map: SymbolMap | undefined): TradesPage {
  const key = pickPairKey(result, pair, 'Trades');
  const trades: PublicTrade[] = rowsOf(result, key, tradeRow, 'Trades').map((r) => ({
    price: r[0],
    qty: r[1],
    time: r[2],
    side: r[3] === 'b' ? 'buy' : 'sell',
    orderType: r[4] === 'm' ? 'market' : 'limit',
    misc: r[5],
    tradeId: typeof r[6] === 'number' ? r[6] : undefined,
  }));
  const last = result.last;
  if (typeof last !== 'string' && typeof last !== 'number') throw badResponse('Trades: last missing');
  return { pairId: pair?.pairId ?? key, symbol: symbolFor(key, pair, map), trades, last: String(last) };
}

/** Maps a Spread result. */
export function toSpreadPage(result: Record<string, unknown>, pair: AssetPair | undefined, map: SymbolMap | undefined): SpreadPage {
  const key = pickPairKey(result, pair, 'Spread');
  const entries = rowsOf(result, key, spreadRow, 'Spread').map(([time, bid, ask]) => ({ time, bid, ask }));
  const last = Number(result.last);
  if (!Number.isFinite(last)) throw badResponse('Spread: last is not a number');
  return { pairId: pair?.pairId ?? key, symbol: symbolFor(key, pair, map), entries, last };
}

/** Maps a Depth result. */
export function toDepthPage(result: Record<string, unknown>, pair: AssetPair | undefined, map: SymbolMap | undefined): DepthPage {
  const key = pickPairKey(result, pair, 'Depth');
  const entry = parseResult(depthEntry, result[key], 'Depth');
  const level = ([price, qty, time]: [string, string, number]): DepthPageLevel => ({ price, qty, time });
  return { pairId: pair?.pairId ?? key, symbol: symbolFor(key, pair, map), asks: entry.asks.map(level), bids: entry.bids.map(level) };
}
