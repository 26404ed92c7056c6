import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fillSchema, ledgerSchema } from './api-types';
import { historyQuery, matching } from './history';

const none = { symbol: '', side: '', from: '', to: '' } as const;

test('historyQuery asks the server for one page of closed orders, fills or ledger', () => {
  assert.equal(historyQuery(0), '/api/orders?status=closed&page=0');
  assert.equal(historyQuery(3), '/api/orders?status=closed&page=3');
  assert.equal(historyQuery(2, 'fills'), '/api/orders/fills?page=2');
  assert.equal(historyQuery(0, 'ledger'), '/api/orders/ledger?page=0');
});

test('fill and ledger rows from the API become text cells with the member or "outside the desk"', () => {
  const fill = fillSchema.parse({
    tradeTxid: 'TABCDE-FGHIJ-KLMNOP', orderTxid: 'OABCDE-FGHIJ-KLMNOP', symbol: 'BTC/USD', side: 'buy', orderType: 'limit',
    price: '113900.1', volume: '0.01000000', cost: '1139.001', fee: '2.96', time: 1764072000, maker: false, member: null, outsideDesk: true,
  });
  assert.equal(fill.member, 'outside the desk');
  assert.equal(fill.liquidity, 'taker');
  assert.equal(fill.closedAt, '2025-11-25T12:00:00.000Z');
  const entry = ledgerSchema.parse({
    ledgerId: 'LABCDE-FGHIJ-KLMNOP', refid: 'TABCDE-FGHIJ-KLMNOP', time: 1764072000, type: 'trade', subtype: '', aclass: 'currency',
    assetId: 'ZUSD', asset: 'USD', amount: '-1139.001', fee: '2.96', balance: '998858.04',
  });
  assert.deepEqual([entry.asset, entry.amount, entry.balance], ['USD', '-1139.001', '998858.04']);
  assert.deepEqual(matching([entry], { ...none, symbol: 'usd' }), [entry]);
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
