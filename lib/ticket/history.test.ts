import assert from 'node:assert/strict';
import { test } from 'node:test';
import { historyQuery, matching } from './history';

const none = { symbol: '', side: '', from: '', to: '' } as const;

test('historyQuery pages and filters each kind of history', () => {
  assert.equal(historyQuery('closed', none, 100), '/api/orders?status=closed&offset=100&limit=50');
  assert.equal(historyQuery('fills', { ...none, symbol: 'BTC/USD', side: 'buy' }, 0), '/api/orders/fills?offset=0&limit=50&symbol=BTC%2FUSD&side=buy');
  assert.match(historyQuery('ledger', { ...none, from: '2026-01-02' }, 0), /^\/api\/orders\/ledger\?offset=0&limit=50&from=2026-01-0[12]T/);
});

test('matching keeps rows of the asked pair and side, and rows that do not say', () => {
  const rows: Record<string, string>[] = [
    { symbol: 'BTC/USD', side: 'buy' },
    { symbol: 'ETH/USD', side: 'buy' },
    { symbol: 'BTC/USD', side: 'sell' },
    { asset: 'USD', amount: '5' },
  ];
  assert.deepEqual(matching(rows, { ...none, symbol: 'btc', side: 'buy' }), [rows[0], rows[3]]);
  assert.equal(matching(rows, none).length, 4);
});
