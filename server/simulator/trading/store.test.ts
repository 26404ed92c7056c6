import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Loose, BTC, FakeFaults, FakeMarket, KEY, SECRET, harness, signedForm } from './test-helpers';
import { createTrading } from './index';

test('orders, balances, trades, ledger, nonces and the dead-man timer survive a restart', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kd-trading-'));
  try {
    const h = harness({ dataDir }, 0);
    await h.ok('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'market', volume: '0.5' });
    const resting = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'sell', ordertype: 'limit', price: '31000.0', volume: '1', cl_ord_id: 'keep' })).txid[0];
    await h.ok('CancelAllOrdersAfter', { timeout: '600' });
    const balanceBefore = await h.ok('Balance');
    const tradesBefore = await h.ok('TradesHistory');
    const { body, sign } = signedForm('Balance', {});
    await h.trading.close();
    assert.ok(JSON.parse(readFileSync(join(dataDir, 'trading-state.json'), 'utf8')).account.orders[resting]);

    const market = new FakeMarket();
    const again = createTrading({ market, faults: new FakeFaults(), dataDir, apiKeys: [{ key: KEY, secret: SECRET }], now: h.clock.now });
    const call = async (method: string, params: Record<string, string> = {}) => {
      const f = signedForm(method, params);
      const res = await again.handlePrivate(method, f.body, { apiKey: KEY, apiSign: f.sign });
      return (res as { body: { error: string[]; result: Loose } }).body;
    };
    assert.deepEqual((await call('Balance')).result, balanceBefore);
    assert.deepEqual((await call('TradesHistory')).result, tradesBefore);
    assert.equal((await call('OpenOrders', { cl_ord_id: 'keep' })).result.open[resting].status, 'open');
    const replay = await again.handlePrivate('Balance', body, { apiKey: KEY, apiSign: sign });
    assert.deepEqual(replay, { body: { error: ['EAPI:Invalid nonce'] } }, 'the nonce high-water mark persisted');
    market.move(BTC.id, '31100.0');
    assert.equal((await call('QueryOrders', { txid: resting })).result[resting].status, 'closed', 'matching resumes');
    await call('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '20000.0', volume: '0.1' });
    h.clock.advance(601);
    market.emit(BTC.id);
    assert.deepEqual((await call('OpenOrders')).result.open, {}, 'the restored dead-man timer fired');
    await again.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});

test('a damaged state file is ignored and the account starts fresh', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'kd-trading-'));
  try {
    writeFileSync(join(dataDir, 'trading-state.json'), '{"version":1,"account":');
    const h = harness({ dataDir });
    assert.equal((await h.ok('Balance')).ZUSD, '1000000.0000');
    await h.trading.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
});
