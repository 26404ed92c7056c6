import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Loose, BTC, FakeFaults, FakeMarket, KEY, SECRET, harness, signedForm } from './test-helpers';
import { createTrading, type Trading } from './index';

function withDir(run: (dataDir: string) => Promise<void>): () => Promise<void> {
  return async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'kd-trading-'));
    try {
      await run(dataDir);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  };
}

/** A second exchange process's view of the same data directory (the first one may still be running). */
function reopen(dataDir: string, now: () => number, market = new FakeMarket()) {
  const trading = createTrading({ market, faults: new FakeFaults(), dataDir, apiKeys: [{ key: KEY, secret: SECRET }], now, tier: 'pro' });
  const call = async (method: string, params: Record<string, string> = {}) => {
    const f = signedForm(method, params);
    const res = await trading.handlePrivate(method, f.body, { apiKey: KEY, apiSign: f.sign });
    return (res as { body: { error: string[]; result: Loose } }).body;
  };
  return { trading, market, call };
}

const READS = ['Balance', 'OpenOrders', 'ClosedOrders', 'TradesHistory', 'Ledgers'];

async function readAll(call: (method: string) => Promise<{ error: string[]; result: Loose }>): Promise<Record<string, Loose>> {
  const out: Record<string, Loose> = {};
  for (const method of READS) out[method] = (await call(method)).result;
  return out;
}

test('every answered mutation is on disk before the answer, without close(): orders, amends, cancels, fills, balances, nonces, dead-man', withDir(async (dataDir) => {
  const h = harness({ dataDir }, 0);
  let copy: Trading | undefined;
  try {
    await h.ok('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'market', volume: '0.5' });
    const resting = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'sell', ordertype: 'limit', price: '31000.0', volume: '1' })).txid[0];
    const amended = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '29000.0', volume: '0.2' })).txid[0];
    await h.ok('AmendOrder', { txid: amended, limit_price: '29100.0' });
    const edited = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '28000.0', volume: '0.1' })).txid[0];
    const replacement = (await h.ok('EditOrder', { txid: edited, pair: 'XBTUSD', price: '28100.0' })).txid;
    const cancelled = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '27000.0', volume: '0.1' })).txid[0];
    await h.ok('CancelOrder', { txid: cancelled });
    await h.ok('CancelAllOrdersAfter', { timeout: '600' });
    const trailing = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'sell', ordertype: 'trailing-stop', price: '+500', volume: '0.1' })).txid[0];
    h.market.move(BTC.id, '31100.0');
    const before = await readAll((m) => h.call(m) as Promise<{ error: string[]; result: Loose }>);
    assert.equal(before.ClosedOrders.closed[resting].status, 'closed', 'the resting sell filled on the tick');
    const { body, sign } = signedForm('Balance', {});
    await h.trading.handlePrivate('Balance', body, { apiKey: KEY, apiSign: sign });

    const again = reopen(dataDir, h.clock.now);
    copy = again.trading;
    const after = await readAll(again.call);
    assert.deepEqual(after, before);
    assert.equal(after.OpenOrders.open[amended].descr.price, '29100.0');
    assert.equal(after.OpenOrders.open[replacement].descr.price, '28100.0');
    assert.equal(after.ClosedOrders.closed[cancelled].status, 'canceled');
    assert.equal(after.ClosedOrders.closed[edited].status, 'canceled');
    const replay = await again.trading.handlePrivate('Balance', body, { apiKey: KEY, apiSign: sign });
    assert.deepEqual(replay, { body: { error: ['EAPI:Invalid nonce'] } }, 'the nonce used by the last answered call is saved');
    again.market.move(BTC.id, '30500.0');
    assert.equal((await again.call('QueryOrders', { txid: trailing })).result[trailing].status, 'closed', 'the trailing stop kept the high it saw (31100), so 30500 fires it');
    h.clock.advance(601);
    again.market.emit(BTC.id);
    assert.deepEqual((await again.call('OpenOrders')).result.open, {}, 'the saved dead-man timer fired');
  } finally {
    await copy?.close();
    await h.trading.close();
  }
}));

test('a clean restart keeps the account and matching resumes', withDir(async (dataDir) => {
  const h = harness({ dataDir }, 0);
  const resting = (await h.ok('AddOrder', { pair: 'XBTUSD', type: 'sell', ordertype: 'limit', price: '31000.0', volume: '1', cl_ord_id: 'keep' })).txid[0];
  const balanceBefore = await h.ok('Balance');
  await h.trading.close();
  const again = reopen(dataDir, h.clock.now);
  assert.deepEqual((await again.call('Balance')).result, balanceBefore);
  assert.equal((await again.call('OpenOrders', { cl_ord_id: 'keep' })).result.open[resting].status, 'open');
  again.market.move(BTC.id, '31100.0');
  assert.equal((await again.call('QueryOrders', { txid: resting })).result[resting].status, 'closed');
  await again.trading.close();
}));

test('a damaged store is moved aside (kept) and the account starts fresh', withDir(async (dataDir) => {
  writeFileSync(join(dataDir, 'trading.sqlite'), 'this is not an SQLite database, it is long enough to have a header'.repeat(20));
  const h = harness({ dataDir });
  assert.equal((await h.ok('Balance')).ZUSD, '1000000.0000');
  await h.trading.close();
  assert.ok(readdirSync(dataDir).some((f) => f.startsWith('trading.sqlite.damaged-')), readdirSync(dataDir).join(', '));
}));

test('the JSON snapshot of earlier versions is imported once and renamed aside', withDir(async (dataDir) => {
  const order = {
    id: 'OLEGAC-YYYYY-ZZZZZZ', pairId: BTC.id, side: 'buy', ordertype: 'limit', vol: '0.1', quoteVol: null, volExec: '0', cost: '0',
    fee: '0', price: '29000.0', price2: '0', displayVol: null, displayLeft: null, oflags: [], feeInQuote: true, postOnly: false,
    tif: 'GTC', opentm: 1, starttm: 0, expiretm: 0, closetm: 0, status: 'open', reason: null, misc: [], userref: null, clOrdId: null,
    trigger: 'last', triggered: false, trailOffset: null, trailExtreme: null, limitOffset: null, limitPrice: '29000.0', lastChange: 1, trades: [],
  };
  const legacy = {
    version: 1,
    account: { balances: { ZUSD: '123.4500', XXBT: '2' }, orders: { [order.id]: order }, trades: {}, ledger: {}, nextTradeId: 5, deadMan: { triggerAt: 0 } },
    nonces: {},
  };
  writeFileSync(join(dataDir, 'trading-state.json'), JSON.stringify(legacy));
  const first = reopen(dataDir, () => 2_000_000_000_000);
  assert.equal((await first.call('Balance')).result.ZUSD, '123.4500');
  assert.deepEqual(Object.keys((await first.call('OpenOrders')).result.open), [order.id]);
  await first.trading.close();
  assert.ok(existsSync(join(dataDir, 'trading-state.json.imported')) && !existsSync(join(dataDir, 'trading-state.json')));
  const second = reopen(dataDir, () => 2_000_000_000_000);
  assert.equal((await second.call('Balance')).result.ZUSD, '123.4500', 'read from the store now');
  await second.trading.close();
}));
