/**
 * The public WS v2 feed's trade, ohlc and ticker rows as the desk's own types. Kraken's snake_case rows
 * (`trade_id`, `interval_begin`, `bid_qty`, `change_pct`, ISO timestamps) are read here and nowhere else: the
 * hub keeps and forwards these mapped rows, and lib/protocol's `tradeData`, `candleData` and `tickerData`
 * check the same shapes on the browser side. Browser-safe; numbers stay decimal text as the wire printed them.
 */
import type { OhlcData, TickerData, TradeData } from './ws-schemas';
import type { CandlePrices, DecimalText, Side } from './types';

/** One public trade on a pair's tape. */
export interface MarketTrade {
  id: number;
  price: DecimalText;
  qty: DecimalText;
  side: Side;
  /** Unix milliseconds */
  time: number;
}

/** One live candle of the ohlc channel (REST history candles are `HistoryCandle`, counting trades as `count`). */
export interface MarketCandle extends CandlePrices {
  trades: number;
}

/** A pair's best prices and 24 h figures from the ticker channel. */
export interface MarketTicker {
  bid: DecimalText;
  bidQty: DecimalText;
  ask: DecimalText;
  askQty: DecimalText;
  last: DecimalText;
  volume: DecimalText;
  vwap: DecimalText;
  low: DecimalText;
  high: DecimalText;
  change: DecimalText;
  changePct: DecimalText;
}

/** A frame's trades, one group per symbol in the order the symbols first appear. */
export function tradesBySymbol(rows: readonly TradeData[]): { symbol: string; trades: MarketTrade[] }[] {
  return [...groupBy(rows, (r) => r.symbol)].map(([symbol, items]) => ({
    symbol,
    trades: items.map((r) => ({ id: r.trade_id, price: r.price, qty: r.qty, side: r.side, time: Date.parse(r.timestamp) })),
  }));
}

/** A frame's candles, one group per (symbol, interval) series in the order the series first appear. */
export function candlesBySeries(rows: readonly OhlcData[]): { symbol: string; interval: number; candles: MarketCandle[] }[] {
  return [...groupBy(rows, (r) => `${r.symbol}|${r.interval}`).values()].map((items) => {
    const first = items[0] as OhlcData;
    return {
      symbol: first.symbol,
      interval: first.interval,
      candles: items.map((r) => ({
        time: Math.floor(Date.parse(r.interval_begin) / 1000),
        open: r.open, high: r.high, low: r.low, close: r.close, vwap: r.vwap, volume: r.volume, trades: r.trades,
      })),
    };
  });
}

/** A ticker row; `last` and the 24 h fields are absent for a pair that has not traded in 24 h, and read as 0. */
export function toMarketTicker(row: TickerData): MarketTicker {
  return {
    bid: row.bid, bidQty: row.bid_qty, ask: row.ask, askQty: row.ask_qty,
    last: row.last ?? '0', volume: row.volume ?? '0', vwap: row.vwap ?? '0', low: row.low ?? '0', high: row.high ?? '0',
    change: row.change ?? '0', changePct: row.change_pct ?? '0',
  };
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const list = out.get(key);
    if (list) list.push(item);
    else out.set(key, [item]);
  }
  return out;
}
