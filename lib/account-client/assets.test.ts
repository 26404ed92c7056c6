import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commonAssetCode, freeAmount } from './assets';

test('commonAssetCode maps Kraken asset ids to common codes', () => {
  assert.equal(commonAssetCode('XXBT'), 'BTC');
  assert.equal(commonAssetCode('ZUSD'), 'USD');
  assert.equal(commonAssetCode('xdg'), 'DOGE');
  assert.equal(commonAssetCode('SOL'), 'SOL');
});

test('freeAmount prefers available, else balance minus hold, floored at zero', () => {
  assert.equal(freeAmount({ balance: '10', holdTrade: '2.5', available: '7' }), '7');
  assert.equal(freeAmount({ balance: '10', holdTrade: '2.5' }), '7.5');
  assert.equal(freeAmount({ balance: '1', holdTrade: '3' }), '0');
  assert.equal(freeAmount({ balance: 'x', holdTrade: '0' }), undefined);
});
