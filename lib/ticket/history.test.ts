import assert from 'node:assert/strict';
import { test } from 'node:test';
import { historyQuery, matching } from './history';

const none = { symbol: '', side: '', from: '', to: '' } as const;

test('historyQuery asks the server for one page of closed orders', () => {
  assert.equal(historyQuery(0), '/api/orders?status=closed&page=0');
  assert.equal(historyQuery(3), '/api/orders?status=closed&page=3');
});

test('matching filters by pair text, side and local date range', () => {
  const day = (d: string) => new Date(`${d}T12:00:00`).toISOString();
  const rows: Record<string, string>[] = [
    { symbol: 'BTC/USD', side: 'buy', closedAt: day('2026-01-02') },
    { symbol: 'ETH/USD', side: 'buy', closedAt: day('2026-01-02') },
    { symbol: 'BTC/USD', side: 'sell', closedAt: day('2026-01-05') },
  ];
  assert.deepEqual(matching(rows, { ...none, symbol: 'btc', side: 'buy' }), [rows[0]]);
  assert.deepEqual(matching(rows, { ...none, from: '2026-01-03' }), [rows[2]]);
  assert.deepEqual(matching(rows, { ...none, to: '2026-01-02' }), [rows[0], rows[1]]);
  assert.equal(matching(rows, none).length, 3);
});
