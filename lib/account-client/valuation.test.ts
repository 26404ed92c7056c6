import assert from 'node:assert/strict';
import { test } from 'node:test';
import { valueBalances } from './valuation';

const prices: Record<string, string> = { BTC: '30000.1', ETH: '2000' };

test('valueBalances values in USD exactly, totals and shares, largest first, unpriced last', () => {
  const v = valueBalances(
    [
      { asset: 'ZUSD', balance: '1000.10', holdTrade: '100', available: undefined },
      { asset: 'XXBT', balance: '0.1', holdTrade: '0', available: undefined },
      { asset: 'ETH', balance: '0.5', holdTrade: '0.2', available: undefined },
      { asset: 'FOO', balance: '3', holdTrade: '0', available: undefined },
    ],
    (code) => prices[code],
  );
  assert.deepEqual(v.rows.map((r) => [r.code, r.usd, r.share]), [
    ['BTC', '3000.01', '60'],
    ['USD', '1000.1', '20'],
    ['ETH', '1000', '20'],
    ['FOO', undefined, undefined],
  ]);
  assert.equal(v.totalUsd, '5000.11');
  assert.deepEqual(v.unpriced, ['FOO']);
  assert.equal(v.rows.find((r) => r.code === 'ETH')?.free, '0.3');
});

test('valueBalances falls back to the server value when no live price is known', () => {
  const v = valueBalances([{ asset: 'SOL', balance: '2', holdTrade: '0', available: '2', usdValue: '300.5' }, { asset: 'BTC', balance: '1', holdTrade: '0', available: '1', usdValue: '1' }], (c) => prices[c]);
  assert.deepEqual(v.rows.map((r) => [r.code, r.usd]), [['BTC', '30000.1'], ['SOL', '300.5']]);
});

test('valueBalances with nothing priced has a zero total and no shares', () => {
  const v = valueBalances([{ asset: 'FOO', balance: '1', holdTrade: '0', available: undefined }], () => undefined);
  assert.equal(v.totalUsd, '0');
  assert.equal(v.rows[0]?.share, undefined);
});
