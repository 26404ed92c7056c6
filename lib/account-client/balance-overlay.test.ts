import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BalanceRow } from '../desk-api/account';
import { balanceUpdates, BalanceOverlay } from './balance-overlay';

const listed: BalanceRow[] = [
  { asset: 'XXBT', balance: '1.0000000000', holdTrade: '0.2000000000', available: '0.8000000000' },
  { asset: 'ZUSD', balance: '50000.0000', holdTrade: '0', available: '50000.0000' },
];

test('a new total shows at once with the free amount recomputed from the known hold, then the API is trusted again', () => {
  let t = 0;
  const overlay = new BalanceOverlay(() => t);
  overlay.record(balanceUpdates([{ asset: 'BTC', balance: '1.0100000000', wallet: 'spot' }]));
  const [btc, usd] = overlay.apply(listed);
  assert.deepEqual({ balance: btc?.balance, holdTrade: btc?.holdTrade, available: btc?.available }, { balance: '1.0100000000', holdTrade: '0.2000000000', available: '0.81' });
  assert.equal(usd, listed[1]);
  t += 5000;
  assert.equal(overlay.apply(listed)[0]?.balance, '1.0100000000', 'a cached answer from before the fill does not undo it');
  t += 8000;
  assert.equal(overlay.apply(listed)[0]?.balance, '1.0000000000', 'after the hold the API answer stands');
});

test('the free amount never shows below zero, and other wallets and malformed rows are ignored', () => {
  const overlay = new BalanceOverlay(() => 0);
  assert.deepEqual(balanceUpdates([{ asset: 'BTC', balance: '3.0', wallet: 'earn' }, { asset: 'BTC' }, 'x', { asset: 'ETH', balance: 'lots', wallet: 'spot' }]), []);
  assert.deepEqual(balanceUpdates(null), []);
  overlay.record(balanceUpdates([{ asset: 'BTC', balance: '0.1', wallet: 'spot' }]));
  assert.equal(overlay.apply(listed)[0]?.available, '0');
});
