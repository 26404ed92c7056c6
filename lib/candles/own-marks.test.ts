import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fillMarkers, orderLines, type OrderLike } from './own-marks';

const order = (txid: string, fields: Partial<OrderLike>): OrderLike => ({
  txid, side: 'buy', price: null, volume: '1', volumeExecuted: '0', member: null, outsideDesk: true, ...fields,
});

test('open orders with a price become labelled lines; market orders and odd sides do not', () => {
  assert.deepEqual(
    orderLines([
      order('A', { price: '64000.5', volume: '0.5', volumeExecuted: '0.1', member: { id: 1, username: 'alice' }, outsideDesk: false }),
      order('B', { side: 'sell', price: '70000' }),
      order('C', { member: { id: 2, username: 'bob' }, outsideDesk: false }),
      // a side the API schema would not let through
      order('D', { side: 'both' as 'buy', price: '1' }),
    ]),
    [
      { id: 'A', price: 64000.5, side: 'buy', title: 'Buy 0.4 · alice' },
      { id: 'B', price: 70000, side: 'sell', title: 'Sell 1 · outside the desk' },
    ],
  );
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
