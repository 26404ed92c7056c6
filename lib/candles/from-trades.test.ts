import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { PublicTrade } from '../kraken/types';
import { bucketStart, candlesFromTrades } from './from-trades';

let nextId = 1;
function trade(time: number, price: string, qty: string, tradeId: number | undefined = nextId++): PublicTrade {
  return { time, price, qty, side: 'buy', orderType: 'limit', misc: '', tradeId };
}

describe('bucketStart', () => {
  it('floors to the interval, boundaries belong to the next candle', () => {
    assert.equal(bucketStart(120, 60), 120);
    assert.equal(bucketStart(179.999, 60), 120);
    assert.equal(bucketStart(180, 60), 180);
  });
});

describe('candlesFromTrades', () => {
  it('aggregates open/high/low/close/volume/count/vwap exactly', () => {
    const candles = candlesFromTrades(
      [trade(60.1, '100.1', '0.1'), trade(70, '100.3', '0.2'), trade(80, '99.9', '0.3'), trade(119.9, '100.0', '0.4')],
      { intervalSec: 60, vwapDecimals: 2 },
    );
    assert.deepEqual(candles, [{
      time: 60, open: '100.1', high: '100.3', low: '99.9', close: '100.0', volume: '1', count: 4,
      // (10.01 + 20.06 + 29.97 + 40.00) / 1.0 = 100.04
      vwap: '100.04',
    }]);
  });

  it('sums volume without float error', () => {
    const [c] = candlesFromTrades([trade(0, '1', '0.1'), trade(1, '1', '0.2')], { intervalSec: 60, vwapDecimals: 1 });
    assert.equal(c?.volume, '0.3');
  });

  it('puts a trade exactly on the boundary into the next candle', () => {
    const candles = candlesFromTrades([trade(59.999, '1', '1'), trade(60, '2', '1')], { intervalSec: 60, vwapDecimals: 1 });
    assert.deepEqual(candles.map((c) => [c.time, c.open, c.close]), [[0, '1', '1'], [60, '2', '2']]);
  });

  it('orders by time then trade id, so open and close do not depend on input order', () => {
    const a = trade(10, '5', '1', 7);
    const b = trade(10, '6', '1', 8);
    const c = trade(30, '4', '1', 9);
    const d = trade(5, '3', '1', 6);
    const [candle] = candlesFromTrades([c, b, a, d], { intervalSec: 60, vwapDecimals: 0 });
    assert.equal(candle?.open, '3');
    assert.equal(candle?.close, '4');
    assert.equal(candle?.high, '6');
    assert.equal(candle?.low, '3');
  });

  it('keeps the order given for same-time trades without ids', () => {
    const [candle] = candlesFromTrades([trade(1, '7', '1', undefined), trade(1, '8', '1', undefined)], { intervalSec: 60, vwapDecimals: 0 });
    assert.equal(candle?.open, '7');
    assert.equal(candle?.close, '8');
  });

  it('fills inner gaps with flat zero-volume candles at the previous close, omits leading ones', () => {
    const candles = candlesFromTrades([trade(130, '10.5', '1'), trade(310, '11', '2')], { intervalSec: 60, vwapDecimals: 1, from: 0 });
    assert.deepEqual(candles.map((c) => c.time), [120, 180, 240, 300]);
    assert.deepEqual(candles[1], { time: 180, open: '10.5', high: '10.5', low: '10.5', close: '10.5', vwap: '10.5', volume: '0', count: 0 });
    assert.equal(candles[3]?.vwap, '11.0');
  });

  it('ignores trades outside [from, to)', () => {
    const candles = candlesFromTrades(
      [trade(59, '1', '1'), trade(60, '2', '1'), trade(119, '3', '1'), trade(120, '4', '1')],
      { intervalSec: 60, vwapDecimals: 1, from: 60, to: 120 },
    );
    assert.deepEqual(candles.map((c) => [c.time, c.open, c.close, c.count]), [[60, '2', '3', 2]]);
  });

  it('rounds the vwap half-up to the pair precision', () => {
    const [c] = candlesFromTrades([trade(0, '1', '1'), trade(1, '2', '2')], { intervalSec: 60, vwapDecimals: 3 });
    assert.equal(c?.vwap, '1.667');
  });

  it('returns nothing for no trades and rejects a bad interval', () => {
    assert.deepEqual(candlesFromTrades([], { intervalSec: 60, vwapDecimals: 1 }), []);
    assert.throws(() => candlesFromTrades([], { intervalSec: 0, vwapDecimals: 1 }), RangeError);
  });
});
