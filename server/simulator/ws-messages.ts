/**
 * WS v2 channel messages. Prices and quantities are bare JSON numbers written with the pair's precision
 * (trailing zeros kept), which JSON.stringify cannot do, so those go through wire-json's raw numbers
 * or, for the hot book path, plain string building over digits we formatted ourselves.
 */
import { rawNumber, stringifyWire } from '../../lib/kraken/wire-json';
import { candleVwap, type Candle, type Interval } from './candles';
import type { PairMarket, PublicTrade } from './market-pair';
import { tickerStats } from './market-stats';
import { ASSETS, PAIRS, type ListedPair } from './markets';
import { unitsToText } from './units';
import { rfc3339Micro, rfc3339Nano } from './wire-time';

/** A book level as wire text: [price, qty] already formatted with the pair's precision. */
export type WireLevel = readonly [price: string, qty: string];

function levelsJson(levels: readonly WireLevel[]): string {
  let out = '[';
  for (let i = 0; i < levels.length; i++) {
    const [price, qty] = levels[i] as WireLevel;
    out += `${i === 0 ? '' : ','}{"price":${price},"qty":${qty}}`;
  }
  return `${out}]`;
}

/** `{"channel":"book","type":…,"data":[{symbol,bids,asks,checksum,timestamp?}]}` */
export function bookMessage(
  type: 'snapshot' | 'update',
  symbol: string,
  bids: readonly WireLevel[],
  asks: readonly WireLevel[],
  checksum: number,
  timeMs: number,
): string {
  const stamp = type === 'update' ? `,"timestamp":"${rfc3339Micro(timeMs)}"` : '';
  return `{"channel":"book","type":"${type}","data":[{"symbol":${JSON.stringify(symbol)},"bids":${levelsJson(bids)},"asks":${levelsJson(asks)},"checksum":${checksum >>> 0}${stamp}}]}`;
}

export function tickerMessage(type: 'snapshot' | 'update', m: PairMarket, nowMs: number): string {
  const d = m.pair.pairDecimals;
  const l = m.pair.lotDecimals;
  const s = tickerStats(m, nowMs).day;
  const bid = m.bids.best();
  const ask = m.asks.best();
  const change = m.lastPrice - s.open;
  const changePct = s.open > 0 ? ((change / s.open) * 100).toFixed(2) : '0.00';
  const price = (ticks: number) => rawNumber(unitsToText(ticks, d));
  const qty = (lots: number) => rawNumber(unitsToText(lots, l));
  return stringifyWire({
    channel: 'ticker',
    type,
    data: [
      {
        symbol: m.pair.symbol,
        bid: price(bid?.price ?? 0),
        bid_qty: qty(bid?.qty ?? 0),
        ask: price(ask?.price ?? 0),
        ask_qty: qty(ask?.qty ?? 0),
        last: price(m.lastPrice),
        volume: qty(s.volume),
        vwap: price(s.vwap),
        low: price(s.low),
        high: price(s.high),
        change: rawNumber(unitsToText(change, d)),
        change_pct: rawNumber(changePct === '-0.00' ? '0.00' : changePct),
        timestamp: rfc3339Micro(nowMs),
      },
    ],
  });
}

function tradeData(m: PairMarket, t: PublicTrade): unknown {
  return {
    symbol: m.pair.symbol,
    side: t.side,
    price: rawNumber(unitsToText(t.price, m.pair.pairDecimals)),
    qty: rawNumber(unitsToText(t.qty, m.pair.lotDecimals)),
    ord_type: t.ordType,
    trade_id: t.id,
    timestamp: rfc3339Micro(t.time),
  };
}

export function tradeMessage(type: 'snapshot' | 'update', m: PairMarket, trades: readonly PublicTrade[]): string {
  return stringifyWire({ channel: 'trade', type, data: trades.map((t) => tradeData(m, t)) });
}

function candleData(m: PairMarket, c: Candle, interval: Interval): unknown {
  const d = m.pair.pairDecimals;
  return {
    symbol: m.pair.symbol,
    open: rawNumber(unitsToText(c.open, d)),
    high: rawNumber(unitsToText(c.high, d)),
    low: rawNumber(unitsToText(c.low, d)),
    close: rawNumber(unitsToText(c.close, d)),
    trades: c.count,
    volume: rawNumber(unitsToText(c.volume, m.pair.lotDecimals)),
    vwap: rawNumber(unitsToText(candleVwap(c), d)),
    interval_begin: rfc3339Nano(c.time),
    interval,
    timestamp: rfc3339Micro((c.time + interval * 60) * 1000),
  };
}

export function ohlcMessage(type: 'snapshot' | 'update', m: PairMarket, candles: readonly Candle[], interval: Interval, nowMs: number): string {
  return stringifyWire({
    channel: 'ohlc',
    type,
    timestamp: rfc3339Micro(nowMs),
    data: candles.map((c) => candleData(m, c, interval)),
  });
}

const increment = (decimals: number) => rawNumber(decimals === 0 ? '1' : `0.${'0'.repeat(decimals - 1)}1`);

/** The `instrument` channel's reference data: every asset and pair the exchange lists. */
export function instrumentMessage(type: 'snapshot' | 'update', status: string, pairs: readonly ListedPair[] = PAIRS): string {
  return stringifyWire({
    channel: 'instrument',
    type,
    data: {
      assets: ASSETS.map((a) => ({
        id: a.code,
        status: 'enabled',
        precision: a.decimals,
        precision_display: a.displayDecimals,
        borrowable: a.collateralValue > 0,
        collateral_value: rawNumber(String(a.collateralValue)),
        margin_rate: rawNumber(a.collateralValue > 0 ? '0.02' : '0'),
      })),
      pairs: pairs.map((p) => ({
        symbol: p.symbol,
        base: p.baseCode,
        quote: p.quoteCode,
        status: status === 'online' ? 'online' : status,
        qty_precision: p.lotDecimals,
        qty_increment: increment(p.lotDecimals),
        qty_min: rawNumber(p.ordermin),
        price_precision: p.pairDecimals,
        price_increment: rawNumber(p.tickSize),
        tick_size: rawNumber(p.tickSize),
        cost_precision: p.costDecimals,
        cost_min: rawNumber(p.costmin),
        marginable: p.leverage.length > 0,
        has_index: true,
        ...(p.leverage.length > 0
          ? { margin_initial: rawNumber('0.2'), position_limit_long: 250, position_limit_short: 200 }
          : {}),
      })),
    },
  });
}

export function statusMessage(system: string, connectionId: string): string {
  return `{"channel":"status","type":"update","data":[{"version":"2.0.10","system":"${system}","api_version":"v2","connection_id":${connectionId}}]}`;
}

export const HEARTBEAT = '{"channel":"heartbeat"}';
