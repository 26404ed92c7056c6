import { test } from 'node:test';
import assert from 'node:assert/strict';
import { harness } from './test-helpers';

const LIMIT = { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '29000.0', volume: '0.01' };

test('AddOrder rejections carry Kraken\'s exact strings', async () => {
  const h = harness();
  const cases: [Record<string, string>, string][] = [
    [{ pair: 'FOOBAR' }, 'EQuery:Unknown asset pair'],
    [{ type: 'hold' }, 'EGeneral:Invalid arguments:type'],
    [{ ordertype: 'stop' }, 'EGeneral:Invalid arguments:ordertype'],
    [{ volume: 'abc' }, 'EGeneral:Invalid arguments:volume'],
    [{ volume: '0.000000001' }, 'EGeneral:Invalid arguments:volume'],
    [{ price: '' }, 'EGeneral:Invalid arguments:price'],
    [{ price: 'x1' }, 'EGeneral:Invalid arguments:price'],
    [{ price: '29000.05' }, 'EOrder:Invalid price'],
    [{ price: '+abc' }, 'EOrder:Invalid price'],
    [{ volume: '0.00001' }, 'EOrder:Order minimum not met'],
    [{ price: '1000.0', volume: '0.0001' }, 'EOrder:Cost minimum not met'],
    [{ timeinforce: 'FOK' }, 'EGeneral:Invalid arguments:timeinforce'],
    [{ timeinforce: 'GTD' }, 'EGeneral:Invalid arguments:expiretm'],
    [{ oflags: 'fcib,fciq' }, 'EGeneral:Invalid arguments:oflags'],
    [{ oflags: 'viqc' }, 'EGeneral:Invalid arguments:oflags'],
    [{ userref: '2147483648' }, 'EGeneral:Invalid arguments:userref'],
    [{ userref: '7', cl_ord_id: 'abc' }, 'EGeneral:Invalid arguments:cl_ord_id'],
    [{ cl_ord_id: 'this-text-is-far-too-long-for-kraken' }, 'EGeneral:Invalid arguments:cl_ord_id'],
    [{ volume: '1000' }, 'EOrder:Insufficient funds'],
  ];
  for (const [change, expected] of cases) {
    assert.equal(await h.err('AddOrder', { ...LIMIT, ...change }), expected, JSON.stringify(change));
  }
  assert.equal(await h.err('AddOrder', { pair: 'ETHUSD', type: 'buy', ordertype: 'limit', price: '1999.97', volume: '1' }), 'EOrder:Tick size check failed');
  assert.equal(await h.err('AddOrder', { pair: 'XBTUSD', type: 'sell', ordertype: 'trailing-stop', price: '-50', volume: '0.01' }), 'EOrder:Invalid price');
  assert.equal(await h.err('AddOrder', { pair: 'XBTUSD', type: 'sell', ordertype: 'stop-loss-limit', price: '28000.0', volume: '0.01' }), 'EGeneral:Invalid arguments:price2');
  assert.equal(await h.err('AddOrder', { pair: 'XBTUSD', type: 'sell', ordertype: 'iceberg', price: '31000.0', volume: '1.5', displayvol: '0.05' }), 'EGeneral:Invalid arguments:displayvol');
  assert.equal(await h.err('AddOrder', { pair: 'XBTUSD', type: 'sell', ordertype: 'market', volume: '11' }), 'EOrder:Insufficient funds');
  const past = new Date(h.clock.ms - 1000).toISOString();
  assert.equal(await h.err('AddOrder', { ...LIMIT, deadline: past }), 'EService:Deadline elapsed');
  assert.equal(await h.err('AddOrder', { ...LIMIT, deadline: new Date(h.clock.ms + 600_000).toISOString() }), 'EGeneral:Invalid arguments:deadline');
  assert.deepEqual((await h.ok('OpenOrders')).open, {}, 'nothing was placed');
  await h.trading.close();
});

test('duplicate cl_ord_id among open orders is refused; validate returns descr without txid', async () => {
  const h = harness();
  const v = await h.ok('AddOrder', { ...LIMIT, validate: 'true' });
  assert.deepEqual(v, { descr: { order: 'buy 0.01000000 XBTUSD @ limit 29000.0' } });
  await h.ok('AddOrder', { ...LIMIT, cl_ord_id: 'desk-1' });
  assert.equal(await h.err('AddOrder', { ...LIMIT, cl_ord_id: 'desk-1' }), 'EGeneral:Invalid arguments:cl_ord_id');
  await h.ok('AddOrder', { ...LIMIT, cl_ord_id: '123e4567-e89b-12d3-a456-426614174000' });
  await h.ok('AddOrder', { ...LIMIT, cl_ord_id: '123e4567e89b12d3a456426614174000' });
  await h.trading.close();
});

test('system status gates new orders and cancels as Kraken does', async () => {
  const h = harness();
  const { txid } = await h.ok('AddOrder', LIMIT);
  h.market.systemStatus = 'cancel_only';
  assert.equal(await h.err('AddOrder', LIMIT), 'EService:Market in cancel_only mode');
  h.market.systemStatus = 'post_only';
  assert.equal(await h.err('AddOrder', LIMIT), 'EService:Market in post_only mode');
  await h.ok('AddOrder', { ...LIMIT, oflags: 'post' });
  h.market.systemStatus = 'maintenance';
  assert.equal(await h.err('AddOrder', LIMIT), 'EService:Unavailable');
  assert.equal(await h.err('CancelOrder', { txid: txid[0] }), 'EService:Unavailable');
  h.market.systemStatus = 'cancel_only';
  assert.deepEqual(await h.ok('CancelOrder', { txid: txid[0] }), { count: 1 });
  await h.trading.close();
});

test('faults: Unavailable executes nothing; a lost response still executes', async () => {
  const h = harness();
  h.faults.unavailable.add('AddOrder');
  assert.equal(await h.err('AddOrder', LIMIT), 'EService:Unavailable');
  assert.deepEqual((await h.ok('OpenOrders')).open, {});
  h.faults.lost.add('AddOrder');
  await assert.rejects(h.call('AddOrder', { ...LIMIT, cl_ord_id: 'lost-1' }), /dropped/);
  const open = await h.ok('OpenOrders', { cl_ord_id: 'lost-1' });
  assert.equal(Object.keys(open.open).length, 1, 'the order exists although the answer was lost');
  await h.trading.close();
});

test('cancel of an unknown or finished order is EOrder:Invalid order; amend no-op names No amendable parameters', async () => {
  const h = harness();
  assert.equal(await h.err('CancelOrder', { txid: 'OAAAAA-BBBBB-CCCCCC' }), 'EOrder:Invalid order');
  const { txid } = await h.ok('AddOrder', LIMIT);
  await h.ok('CancelOrder', { txid: txid[0] });
  assert.equal(await h.err('CancelOrder', { txid: txid[0] }), 'EOrder:Invalid order');
  const second = await h.ok('AddOrder', LIMIT);
  assert.match(await h.err('AmendOrder', { txid: second.txid[0] }), /No amendable parameters/);
  assert.match(await h.err('AmendOrder', { txid: second.txid[0], limit_price: '29000.0' }), /No amendable parameters/);
  assert.equal(await h.err('AmendOrder', { cl_ord_id: 'nobody' }), 'EOrder:Unknown order');
  assert.equal(await h.err('CancelAllOrdersAfter', { timeout: '86400' }), 'EGeneral:Invalid arguments:timeout');
  await h.trading.close();
});
