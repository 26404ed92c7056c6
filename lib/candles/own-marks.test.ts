import assert from 'node:assert/strict';
import { test } from 'node:test';
import { draggedPrice, fillMarkers, orderLines, spanWithOrders, type OrderLike } from './own-marks';

const order = (txid: string, fields: Partial<OrderLike>): OrderLike => ({
  txid, side: 'buy', type: 'limit', price: null, volume: '1', volumeExecuted: '0', member: null, outsideDesk: true, ...fields,
});

test('open orders with a price become labelled lines; market orders and odd sides do not', () => {
  assert.deepEqual(
    orderLines([
      order('A', { price: '64000.5', volume: '0.5', volumeExecuted: '0.1', member: { id: 1, username: 'alice' }, outsideDesk: false }),
      order('B', { side: 'sell', type: 'stop-loss', price: '70000' }),
      order('C', { member: { id: 2, username: 'bob' }, outsideDesk: false }),
      // a side the API schema would not let through
      order('D', { side: 'both' as 'buy', price: '1' }),
    ]),
    [
      { id: 'A', price: 64000.5, side: 'buy', title: 'Buy 0.4 · alice', draggable: true },
      { id: 'B', price: 70000, side: 'sell', title: 'Sell 1 · outside the desk', draggable: true },
    ],
  );
});

test('only lines at an absolute price can be dragged: a trailing stop is an offset', () => {
  const lines = orderLines([
    order('T', { side: 'sell', type: 'trailing-stop', price: '500' }),
    order('L', { side: 'sell', type: 'stop-loss-limit', price: '60000' }),
    order('I', { type: 'iceberg', price: '60000' }),
  ]);
  assert.deepEqual(lines.map((l) => [l.id, l.draggable]), [['T', false], ['L', true], ['I', true]]);
});

test('a dragged line proposes a price on the tick, in the pair precision', () => {
  assert.equal(draggedPrice(64123.4567, '0.1', 1), '64123.5');
  assert.equal(draggedPrice(64123.44, '0.5', 1), '64123.5');
  assert.equal(draggedPrice(0.123456, '0.00001', 5), '0.12346');
  assert.equal(draggedPrice(1.15, '0.05', 2), '1.15');
  assert.equal(draggedPrice(99.7, '', 0), '100');
  assert.equal(draggedPrice(0.01, '0.1', 1), undefined);
  assert.equal(draggedPrice(-5, '0.1', 1), undefined);
  assert.equal(draggedPrice(Number.NaN, '0.1', 1), undefined);
});

test('fills land on the bar they happened in, grouped per bar and side; outside the loaded bars they are left out', () => {
  const bars = [3600, 7200, 10800];
  const markers = fillMarkers(
    [
      { side: 'buy', volume: '0.1', time: 7300 },
      { side: 'buy', volume: '0.2', time: 10799 },
      { side: 'sell', volume: '1', time: 7200 },
      { side: 'buy', volume: '5', time: 3599 },
      { side: 'buy', volume: '5', time: 14400 },
      { side: 'sell', volume: '2', time: 14399 },
    ],
    bars,
    3600,
  );
  assert.deepEqual(markers, [
    { time: 7200, side: 'buy', text: 'B 0.3 (2)' },
    { time: 7200, side: 'sell', text: 'S 1' },
    { time: 10800, side: 'sell', text: 'S 2' },
  ]);
  assert.deepEqual(fillMarkers([{ side: 'buy', volume: '1', time: 7300 }], [], 3600), []);
});

test('the price axis takes in order lines near the candles, but a far stop does not flatten them', () => {
  const candles = { minValue: 99_000, maxValue: 101_000 };
  // one above, one below, both within 5% of the mid price beyond the span
  assert.deepEqual(spanWithOrders(candles, [102_500, 97_000]), { minValue: 97_000, maxValue: 102_500 });
  // a stop 20% away and a non-number leave the span as the candles made it
  assert.deepEqual(spanWithOrders(candles, [80_000, Number.NaN]), candles);
  // just past the reach is left out; just inside it is taken in
  assert.deepEqual(spanWithOrders(candles, [106_001]), candles);
  assert.deepEqual(spanWithOrders(candles, [105_999]), { minValue: 99_000, maxValue: 105_999 });
  assert.deepEqual(spanWithOrders(candles, []), candles);
});
