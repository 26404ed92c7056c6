import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LedgerEntry } from '../kraken/types-private';
import { accountBalancesSchema, deskFillSchema, ledgerEntrySchema, liquidityOf, pagedSchema, type AccountBalances, type DeskFill, type Paged } from './account';

const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

test("balances reach the browser under the server's names: holds stay `holdTrade`, an unpriced asset has no usdValue", () => {
  const sent: AccountBalances = {
    balances: [
      { asset: 'BTC', balance: '1.0000000000', holdTrade: '0.2000000000', available: '0.8000000000', usdValue: '30000.00' },
      { asset: 'FOO', balance: '3', holdTrade: '0', available: '3', usdValue: undefined },
    ],
    totalUsd: '30000.00', asOf: '2026-12-04T21:00:00.000Z',
  };
  const parsed = accountBalancesSchema.parse(overTheWire(sent));
  assert.equal(parsed.balances[0]?.holdTrade, '0.2000000000');
  assert.equal('usdValue' in (parsed.balances[1] ?? {}), false);
  assert.equal(accountBalancesSchema.safeParse({ ...sent, balances: [{ asset: 'BTC', balance: 1 }] }).success, false);
});

test("fill and ledger pages parse as the server sends them; the ledger row is lib/kraken's LedgerEntry", () => {
  const fill: DeskFill = {
    tradeTxid: 'TABCDE-FGHIJ-KLMNOP', orderTxid: 'OABCDE-FGHIJ-KLMNOP', symbol: 'BTC/USD', side: 'buy', orderType: 'limit', price: '113900.1',
    volume: '0.01000000', cost: '1139.001', fee: '2.96', time: 1764072000.5, maker: null, member: null, outsideDesk: true,
  };
  const page: Paged<DeskFill> = { rows: [fill], page: 0, pageSize: 50, total: 1, complete: true };
  assert.deepEqual(pagedSchema(deskFillSchema).parse(overTheWire(page)), page);
  assert.equal(liquidityOf(fill), '');
  const entry: LedgerEntry = {
    ledgerId: 'LABCDE-FGHIJ-KLMNOP', refid: 'TABCDE-FGHIJ-KLMNOP', time: 1764072000, type: 'trade', subtype: '', aclass: 'currency',
    assetId: 'ZUSD', asset: 'USD', amount: '-1139.001', fee: '2.96', balance: '998858.04',
  };
  const parsed: LedgerEntry = ledgerEntrySchema.parse(overTheWire(entry));
  assert.deepEqual(parsed, entry);
});
