import assert from 'node:assert/strict';
import { test } from 'node:test';
import type * as z from 'zod/mini';
import { BOOK_DEPTHS, OHLC_INTERVALS as FEED_INTERVALS, candleData, tickerData, tradeData } from '../protocol';
import { candlesBySeries, toMarketTicker, tradesBySymbol, type MarketCandle, type MarketTicker, type MarketTrade } from './market-updates';
import { OHLC_INTERVALS, type OhlcInterval } from './rest-public';
import type { BookDepth } from './ws-subscriptions';
import { parseWireJson } from './wire-json';
import { parseInboundFrame, type ChannelFrame, type WsChannel } from './ws-schemas';

/** A frame as the client reads it: the wire text through parseWireJson (decimals stay text) and the schemas. */
function frame<C extends WsChannel>(channel: C, text: string): ChannelFrame<C> {
  const parsed = parseInboundFrame(parseWireJson(text));
  assert.ok(parsed.ok && parsed.value.kind === 'channel' && parsed.value.frame.channel === channel, JSON.stringify(parsed));
  return parsed.value.frame as ChannelFrame<C>;
}

// frames in the shapes Kraken's WS v2 documentation shows (symbols and figures from its examples)
test('trade rows map to desk trades in Unix ms, grouped by symbol in first-seen order', () => {
  const trades = frame('trade', `{"channel":"trade","type":"update","data":[
    {"symbol":"MATIC/USD","side":"buy","price":0.5117,"qty":40.0,"ord_type":"market","trade_id":4665906,"timestamp":"2023-09-25T07:49:37.708706Z"},
    {"symbol":"BTC/USD","side":"sell","price":26345.10000,"qty":0.00150000,"ord_type":"limit","trade_id":61213881,"timestamp":"2023-09-25T07:49:38.000000Z"},
    {"symbol":"MATIC/USD","side":"sell","price":0.5118,"qty":0.25,"ord_type":"limit","trade_id":4665907,"timestamp":"2023-09-25T07:49:39.5Z"}]}`);
  assert.deepEqual(tradesBySymbol(trades.data), [
    { symbol: 'MATIC/USD', trades: [
      { id: 4665906, price: '0.5117', qty: '40.0', side: 'buy', time: Date.UTC(2023, 8, 25, 7, 49, 37, 708) },
      { id: 4665907, price: '0.5118', qty: '0.25', side: 'sell', time: Date.UTC(2023, 8, 25, 7, 49, 39, 500) },
    ] },
    { symbol: 'BTC/USD', trades: [{ id: 61213881, price: '26345.10000', qty: '0.00150000', side: 'sell', time: Date.UTC(2023, 8, 25, 7, 49, 38) }] },
  ]);
});

test('ohlc rows map to candles opening at interval_begin in Unix seconds, one series per symbol and interval', () => {
  const ohlc = frame('ohlc', `{"channel":"ohlc","type":"update","timestamp":"2023-10-04T16:26:30.524394914Z","data":[
    {"symbol":"MATIC/USD","open":0.5624,"high":0.5628,"low":0.5622,"close":0.5627,"trades":12,"volume":30927.68066226,"vwap":0.5626,
     "interval_begin":"2023-10-04T16:25:00.000000000Z","interval":5,"timestamp":"2023-10-04T16:30:00.000000Z"},
    {"symbol":"MATIC/USD","open":0.5627,"high":0.5627,"low":0.5627,"close":0.5627,"trades":1,"volume":10.0,"vwap":0.5627,
     "interval_begin":"2023-10-04T16:26:00.000000000Z","interval":1,"timestamp":"2023-10-04T16:27:00.000000Z"}]}`);
  assert.deepEqual(candlesBySeries(ohlc.data), [
    { symbol: 'MATIC/USD', interval: 5, candles: [{
      time: Date.UTC(2023, 9, 4, 16, 25) / 1000, open: '0.5624', high: '0.5628', low: '0.5622', close: '0.5627', vwap: '0.5626', volume: '30927.68066226', trades: 12,
    }] },
    { symbol: 'MATIC/USD', interval: 1, candles: [{
      time: Date.UTC(2023, 9, 4, 16, 26) / 1000, open: '0.5627', high: '0.5627', low: '0.5627', close: '0.5627', vwap: '0.5627', volume: '10.0', trades: 1,
    }] },
  ]);
});

test('ticker rows map to camelCase desk fields; the 24 h fields of a pair without trades read 0', () => {
  const ticker = frame('ticker', `{"channel":"ticker","type":"snapshot","data":[
    {"symbol":"ALGO/USD","bid":0.10025,"bid_qty":740.0,"ask":0.10036,"ask_qty":1361.44813783,"last":0.10035,"volume":997038.98383185,
     "vwap":0.10148,"low":0.09979,"high":0.10285,"change":-0.00017,"change_pct":-0.17},
    {"symbol":"NEW/USD","bid":1.5,"bid_qty":2,"ask":1.6,"ask_qty":3}]}`);
  assert.deepEqual(ticker.data.map(toMarketTicker), [
    { bid: '0.10025', bidQty: '740.0', ask: '0.10036', askQty: '1361.44813783', last: '0.10035', volume: '997038.98383185',
      vwap: '0.10148', low: '0.09979', high: '0.10285', change: '-0.00017', changePct: '-0.17' },
    { bid: '1.5', bidQty: '2', ask: '1.6', askQty: '3', last: '0', volume: '0', vwap: '0', low: '0', high: '0', change: '0', changePct: '0' },
  ]);
});

test('an empty frame maps to no groups', () => {
  assert.deepEqual(tradesBySymbol([]), []);
  assert.deepEqual(candlesBySeries([]), []);
});

/** true when A and B are the same type (each assignable to the other). */
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;

test('the mapped rows are the shapes the browser checks: one type per shape on both sides of /ws', () => {
  const sameTrade: Same<z.infer<typeof tradeData>, MarketTrade> = true;
  const sameCandle: Same<z.infer<typeof candleData>, MarketCandle> = true;
  const sameTicker: Same<z.infer<typeof tickerData>, MarketTicker> = true;
  const sameDepth: Same<(typeof BOOK_DEPTHS)[number], BookDepth> = true;
  const sameInterval: Same<(typeof FEED_INTERVALS)[number], OhlcInterval> = true;
  assert.ok(sameTrade && sameCandle && sameTicker && sameDepth && sameInterval);
  assert.deepEqual([...FEED_INTERVALS], [...OHLC_INTERVALS]);
  const trade = frame('trade', '{"channel":"trade","type":"update","data":[{"symbol":"BTC/USD","side":"buy","price":26345.1,"qty":0.0015,"ord_type":"market","trade_id":9,"timestamp":"2023-09-25T07:49:37.708706Z"}]}');
  const [mapped] = tradesBySymbol(trade.data);
  assert.deepEqual(mapped?.trades.map((t) => tradeData.parse(t)), mapped?.trades);
  const ticker = frame('ticker', '{"channel":"ticker","type":"update","data":[{"symbol":"BTC/USD","bid":1.5,"bid_qty":2,"ask":1.6,"ask_qty":3,"change":-0.1,"change_pct":-6.25}]}');
  const row = toMarketTicker(ticker.data[0] as (typeof ticker.data)[number]);
  assert.deepEqual(tickerData.parse(row), row);
});
