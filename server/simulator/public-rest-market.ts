/**
 * REST market data: Ticker, OHLC, Depth, Trades, Spread — results keyed by pair id (or by the slash name asked
 * with, see rest-params.ts), numbers as text.
 * Kraken prints prices in these (except OHLC) with at least 5 decimals, e.g. "30300.10000".
 */
import { candleVwap, type Candle, isInterval } from './candles';
import type { Market } from './market';
import type { PairMarket } from './market-pair';
import { tickerStats } from './market-stats';
import { invalidArgument } from './rest-errors';
import { allPairs, optionalCursor, optionalInt, type Params, requirePair, resolvePairList } from './rest-params';
import { unitsToPaddedText, unitsToText } from './units';

const REST_PRICE_DECIMALS = 5;
/** Kraken returns at most 720 rows, the open candle included. */
const OHLC_ROWS = 720;

function priceText(m: PairMarket, ticks: number): string {
  return unitsToPaddedText(ticks, m.pair.pairDecimals, REST_PRICE_DECIMALS);
}

function qtyText(m: PairMarket, lots: number): string {
  return unitsToText(lots, m.pair.lotDecimals);
}

function wholeLots(m: PairMarket, lots: number): string {
  return String(Math.floor(lots / 10 ** m.pair.lotDecimals));
}

export function ticker(market: Market, params: Params): unknown {
  const pairs = params.pair !== undefined ? resolvePairList(params.pair, market) : allPairs(market);
  const now = market.now();
  const out: Record<string, unknown> = {};
  for (const { pair, key } of pairs) {
    const m = market.pair(pair.id);
    const s = tickerStats(m, now);
    const ask = m.asks.best();
    const bid = m.bids.best();
    out[key] = {
      a: [priceText(m, ask?.price ?? 0), wholeLots(m, ask?.qty ?? 0), qtyText(m, ask?.qty ?? 0)],
      b: [priceText(m, bid?.price ?? 0), wholeLots(m, bid?.qty ?? 0), qtyText(m, bid?.qty ?? 0)],
      c: [priceText(m, m.lastPrice), qtyText(m, m.lastQty)],
      v: [qtyText(m, s.today.volume), qtyText(m, s.day.volume)],
      p: [priceText(m, s.today.vwap), priceText(m, s.day.vwap)],
      t: [s.today.count, s.day.count],
      l: [priceText(m, s.today.low), priceText(m, s.day.low)],
      h: [priceText(m, s.today.high), priceText(m, s.day.high)],
      o: priceText(m, s.today.open),
    };
  }
  return out;
}

/** Up to 720 rows: committed candles after `since` (seconds) plus the open one; `last` = newest committed candle's time. */
export function ohlc(market: Market, params: Params): unknown {
  const { pair, key } = requirePair(params, market);
  const interval = optionalInt(params, 'interval', 1, 21600) ?? 1;
  if (!isInterval(interval)) throw invalidArgument('interval');
  const since = optionalInt(params, 'since', 0, Number.MAX_SAFE_INTEGER);
  const m = market.pair(pair.id);
  const series = m.series(interval);
  series.roll(Math.floor(market.now() / 1000));
  const recent = series.candles.slice(-OHLC_ROWS);
  const rows = recent.filter((c, i) => since === undefined || c.time > since || i === recent.length - 1);
  const d = pair.pairDecimals;
  const committed = recent[recent.length - 2] as Candle | undefined;
  return {
    [key]: rows.map((c) => [
      c.time,
      unitsToText(c.open, d),
      unitsToText(c.high, d),
      unitsToText(c.low, d),
      unitsToText(c.close, d),
      unitsToText(candleVwap(c), d),
      qtyText(m, c.volume),
      c.count,
    ]),
    last: committed?.time ?? (recent[0] as Candle).time,
  };
}

export function depth(market: Market, params: Params): unknown {
  const { pair, key } = requirePair(params, market);
  const count = optionalInt(params, 'count', 1, 500) ?? 100;
  const m = market.pair(pair.id);
  const rows = (side: typeof m.asks) =>
    side.levels.slice(0, count).map((l) => [priceText(m, l.price), qtyText(m, l.qty), Math.floor(l.time / 1000)]);
  return { [key]: { asks: rows(m.asks), bids: rows(m.bids) } };
}

/** `since` is the nanosecond cursor from `last` (plain seconds are accepted too, as Kraken does). */
export function trades(market: Market, params: Params): unknown {
  const { pair, key } = requirePair(params, market);
  const count = optionalInt(params, 'count', 1, 1000) ?? 1000;
  let since = optionalCursor(params, 'since');
  if (since !== undefined && since < 10_000_000_000n) since *= 1_000_000_000n;
  const m = market.pair(pair.id);
  const list = since === undefined ? m.trades.slice(-count) : m.trades.filter((t) => t.ns > (since as bigint)).slice(0, count);
  const lastTrade = list[list.length - 1];
  const last = lastTrade ? lastTrade.ns : (since ?? 0n);
  return {
    [key]: list.map((t) => [
      priceText(m, t.price),
      qtyText(m, t.qty),
      Math.round(t.time * 10) / 10000,
      t.side === 'buy' ? 'b' : 's',
      t.ordType === 'market' ? 'm' : 'l',
      '',
      t.id,
    ]),
    last: last.toString(),
  };
}

export function spread(market: Market, params: Params): unknown {
  const { pair, key } = requirePair(params, market);
  const since = optionalInt(params, 'since', 0, Number.MAX_SAFE_INTEGER);
  const m = market.pair(pair.id);
  const list = since === undefined ? m.spreads.slice(-200) : m.spreads.filter((s) => s.time > since).slice(-200);
  const lastPoint = list[list.length - 1];
  return {
    [key]: list.map((s) => [s.time, priceText(m, s.bid), priceText(m, s.ask)]),
    last: lastPoint?.time ?? since ?? 0,
  };
}
