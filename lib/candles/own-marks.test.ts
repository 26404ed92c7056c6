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
  const at = (s: number) => new Date(s * 1000).toISOString();
  const markers = fillMarkers(
    [
      { id: '1', side: 'buy', price: '1', filled: '0.1', closedAt: at(7300) },
      { id: '2', side: 'buy', price: '1', filled: '0.2', closedAt: at(10799) },
      { id: '3', side: 'sell', price: '1', filled: '1', closedAt: at(7200) },
      { id: '4', side: 'buy', price: '1', filled: '5', closedAt: at(3599) },
      { id: '5', side: 'buy', price: '1', filled: '5', closedAt: at(14400) },
      { id: '6', side: 'sell', price: '1', filled: '2', closedAt: at(14399) },
    ],
    bars,
    3600,
  );
  assert.deepEqual(markers, [
    { time: 7200, side: 'buy', text: 'B 0.3 (2)' },
    { time: 7200, side: 'sell', text: 'S 1' },
    { time: 10800, side: 'sell', text: 'S 2' },
  ]);
  assert.deepEqual(fillMarkers([{ id: '1', side: 'buy', price: '1', filled: '1', closedAt: at(7300) }], [], 3600), []);
});
