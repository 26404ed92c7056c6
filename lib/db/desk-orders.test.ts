import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachStore, type StoreUnderTest } from './contract/stores';
import type { NewDeskOrder } from './desk-orders';

async function withMember(store: StoreUnderTest) {
  const opened = await store.open({ now: () => new Date('2026-03-04T05:06:07.000Z') });
  const member = await opened.db.members.create({ username: 'trader', passwordHash: 'h', role: 'trader' });
  const order = (key: string, more: Partial<NewDeskOrder> = {}): NewDeskOrder => ({
    idempotencyKey: key, clOrdId: `cl-${key}`, memberId: member.id, requestHash: `hash-${key}`, symbol: 'BTC/USD', side: 'buy',
    orderType: 'limit', volume: '0.1', price: '30000', notionalUsd: '3000', utcDay: '2026-03-04', ...more,
  });
  return { opened, orders: opened.db.deskOrders, member, order };
}

forEachStore('desk orders repository', (store) => {
  it('claims a key once: the first claim inserts a pending row, a repeat returns that row unclaimed', async () => {
    const { opened, orders, member, order } = await withMember(store);
    const first = await orders.claim(order('k1'));
    assert.equal(first.claimed, true);
    assert.deepEqual({ ...first.record, id: 0 }, {
      id: 0, idempotencyKey: 'k1', clOrdId: 'cl-k1', memberId: member.id, username: 'trader', requestHash: 'hash-k1', symbol: 'BTC/USD',
      side: 'buy', orderType: 'limit', volume: '0.1', price: '30000', notionalUsd: '3000', utcDay: '2026-03-04', state: 'pending',
      txid: null, approvedBy: null, response: null, createdAt: '2026-03-04T05:06:07.000Z', updatedAt: '2026-03-04T05:06:07.000Z',
    });
    const again = await orders.claim(order('k1', { requestHash: 'a different ticket' }));
    assert.equal(again.claimed, false);
    assert.deepEqual(again.record, first.record, 'the stored ticket wins; the caller compares request hashes');
    await assert.rejects(orders.claim(order('k2', { clOrdId: 'cl-k1' })), /cl_ord_id taken/);
    assert.deepEqual(await orders.findByKey('k1'), first.record);
    assert.equal(await orders.findByKey('nope'), null);
    assert.equal(await orders.count(), 1);
    await opened.close();
  });

  it('settles with the first answer, releases only what was not placed, and frees the key', async () => {
    const { opened, orders, order } = await withMember(store);
    const placed = (await orders.claim(order('placed'))).record;
    const settled = await orders.settle(placed.id, { state: 'placed', txid: 'OTX-1', response: { status: 200, body: { txid: ['OTX-1'] } } });
    assert.deepEqual([settled.state, settled.txid, settled.response], ['placed', 'OTX-1', { status: 200, body: { txid: ['OTX-1'] } }]);
    await orders.release(placed.id);
    assert.equal((await orders.findByKey('placed'))?.state, 'placed', 'a placed order is never forgotten');

    const lost = (await orders.claim(order('lost'))).record;
    await orders.release(lost.id);
    assert.equal(await orders.findByKey('lost'), null);
    assert.equal((await orders.claim(order('lost', { requestHash: 'changed' }))).claimed, true, 'the key is free again');
    await opened.close();
  });

  it('day usage counts every row that may have reached Kraken, in exact decimals; amends change it', async () => {
    const { opened, orders, member, order } = await withMember(store);
    const a = (await orders.claim(order('a', { notionalUsd: '0.1' }))).record;
    await orders.claim(order('b', { notionalUsd: '0.2' }));
    const rejected = (await orders.claim(order('c', { notionalUsd: '1000' }))).record;
    await orders.settle(rejected.id, { state: 'rejected', txid: null, response: { status: 400, body: { error: 'x' } } });
    await orders.claim(order('d', { notionalUsd: '5', utcDay: '2026-03-05' }));
    assert.equal(await orders.dayNotional(member.id, '2026-03-04'), '0.3');
    assert.deepEqual((await orders.dayOrders(member.id, '2026-03-04')).map((o) => o.idempotencyKey), ['a', 'b']);
    await orders.setNotional(a.id, '2.5', '0.05');
    assert.equal(await orders.dayNotional(member.id, '2026-03-04'), '2.7');
    assert.equal((await orders.findByKey('a'))?.volume, '0.05');
    assert.equal(await orders.dayNotional(member.id + 1, '2026-03-04'), '0');
    await opened.close();
  });

  it('finds desk records by Kraken txid or cl_ord_id', async () => {
    const { opened, orders, order } = await withMember(store);
    const one = (await orders.claim(order('one'))).record;
    await orders.settle(one.id, { state: 'placed', txid: 'OTX-ONE', response: { status: 200, body: {} } });
    await orders.claim(order('two'));
    await orders.claim(order('three'));
    const found = await orders.findByOrderIds({ txids: ['OTX-ONE', 'OTX-NONE'], clOrdIds: ['cl-two'] });
    assert.deepEqual(found.map((o) => o.idempotencyKey).sort(), ['one', 'two']);
    assert.deepEqual(await orders.findByOrderIds({ txids: [], clOrdIds: [] }), []);
    assert.deepEqual((await orders.findByOrderIds({ txids: [], clOrdIds: ['cl-three'] })).map((o) => o.idempotencyKey), ['three']);
    await opened.close();
  });

  it('the same key claimed at once from two desk instances: exactly one claim wins, every time', async () => {
    const { opened, order } = await withMember(store);
    const instances = [opened.db, opened.reopen()];
    const keys = Array.from({ length: 25 }, (_, i) => `race-${i}`);
    // Each key is claimed 4 times at once, twice through each instance's pool.
    const claims = await Promise.all(keys.flatMap((key) => [0, 1, 2, 3].map((n) => instances[n % 2]!.deskOrders.claim(order(key)))));
    for (const key of keys) {
      const forKey = claims.filter((c) => c.record.idempotencyKey === key);
      assert.equal(forKey.filter((c) => c.claimed).length, 1, `one winner for ${key}`);
      assert.equal(new Set(forKey.map((c) => c.record.id)).size, 1, `every claimant of ${key} sees the same row`);
    }
    assert.equal(await opened.db.deskOrders.count(), keys.length);
    await opened.close();
  });
});
