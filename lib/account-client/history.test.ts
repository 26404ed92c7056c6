import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deskFillSchema, ledgerEntrySchema } from '../desk-api/account';
import { fillCells, historyPath } from './history';

const none = { symbol: '', side: '', from: '', to: '' } as const;

test('historyPath asks the server for one page of closed orders, fills or ledger', () => {
  assert.equal(historyPath(0), '/api/orders?status=closed&page=0');
  assert.equal(historyPath(3), '/api/orders?status=closed&page=3');
  assert.equal(historyPath(2, 'fills'), '/api/orders/fills?page=2');
  assert.equal(historyPath(0, 'ledger'), '/api/orders/ledger?page=0');
});

test('fill and ledger rows from the API become text cells with the member or "outside the desk"', () => {
  const fill = fillCells(deskFillSchema.parse({
    tradeTxid: 'TABCDE-FGHIJ-KLMNOP', orderTxid: 'OABCDE-FGHIJ-KLMNOP', symbol: 'BTC/USD', side: 'buy', orderType: 'limit',
    price: '113900.1', volume: '0.01000000', cost: '1139.001', fee: '2.96', time: 1764072000, maker: false, member: null, outsideDesk: true,
  }));
  assert.equal(fill.member, 'outside the desk');
  assert.equal(fill.liquidity, 'taker');
  assert.equal(fill.time, '2025-11-25T12:00:00.000Z');
  assert.equal(fill.orderTxid, 'OABCDE-FGHIJ-KLMNOP', "the API's field names are the cells' keys");
  assert.equal(fill.volume, '0.01000000');
  const byMember = fillCells(deskFillSchema.parse({
    tradeTxid: 'T2', orderTxid: 'O2', symbol: 'BTC/USD', side: 'sell', orderType: 'limit', price: '1', volume: '1', cost: '1', fee: '0',
    time: 1764072000, maker: true, member: { id: 2, username: 'trader' }, outsideDesk: false,
  }));
  assert.deepEqual([byMember.member, byMember.liquidity], ['trader', 'maker']);
  const entry = ledgerEntrySchema.parse({
    ledgerId: 'LABCDE-FGHIJ-KLMNOP', refid: 'TABCDE-FGHIJ-KLMNOP', time: 1764072000, type: 'trade', subtype: '', aclass: 'currency',
    assetId: 'ZUSD', asset: 'USD', amount: '-1139.001', fee: '2.96', balance: '998858.04',
  });
  assert.deepEqual([entry.asset, entry.amount, entry.balance], ['USD', '-1139.001', '998858.04']);
});

test('the filters go to the server, which applies them over all of the history; CSV asks for all rows', () => {
  const from = Math.floor(new Date('2026-01-03T00:00:00').getTime() / 1000);
  const dayAfterTo = Math.floor(new Date('2026-01-06T00:00:00').getTime() / 1000);
  assert.equal(
    historyPath(2, 'fills', { symbol: ' btc/usd ', side: 'sell', from: '2026-01-03', to: '2026-01-05' }),
    `/api/orders/fills?page=2&symbol=btc%2Fusd&side=sell&from=${from}&to=${dayAfterTo}`,
  );
  assert.equal(historyPath('all', 'closed', { ...none, side: 'buy' }), '/api/orders?status=closed&all=1&side=buy');
  // ledger rows have no side: the side filter is not sent for them
  assert.equal(historyPath(0, 'ledger', { ...none, symbol: 'USD', side: 'buy' }), '/api/orders/ledger?page=0&symbol=USD');
  assert.equal(historyPath(0, 'fills', none), '/api/orders/fills?page=0');
});
