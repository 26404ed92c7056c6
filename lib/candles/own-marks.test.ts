import assert from 'node:assert/strict';
import { test } from 'node:test';
import { draggedPrice, fillMarkers, orderLines } from './own-marks';

test('open orders with a price become labelled lines; market orders and odd sides do not', () => {
  assert.deepEqual(
    orderLines([
      { id: 'A', side: 'buy', type: 'limit', price: '64000.5', volume: '0.5', filled: '0.1', member: 'alice' },
      { id: 'B', side: 'sell', type: 'stop-loss', price: '70000', volume: '1', outsideDesk: true },
      { id: 'C', side: 'buy', type: 'market', volume: '1', member: 'bob' },
      { id: 'D', side: 'both', type: 'limit', price: '1', volume: '1' },
    ]),
    [
      { id: 'A', price: 64000.5, side: 'buy', title: 'Buy 0.4 · alice', draggable: true },
      { id: 'B', price: 70000, side: 'sell', title: 'Sell 1 · outside the desk', draggable: true },
    ],
  );
});

test('only lines at an absolute price can be dragged: a trailing stop is an offset', () => {
  const lines = orderLines([
    { id: 'T', side: 'sell', type: 'trailing-stop', price: '500', volume: '1' },
    { id: 'L', side: 'sell', type: 'stop-loss-limit', price: '60000', volume: '1' },
    { id: 'I', side: 'buy', type: 'iceberg', price: '60000', volume: '1' },
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
