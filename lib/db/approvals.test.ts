import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachStore, type StoreUnderTest } from './contract/stores';
import type { NewApproval } from './approvals';

const T0 = '2026-03-04T05:06:07.000Z';

async function withMembers(store: StoreUnderTest) {
  const opened = await store.open({ now: () => new Date(T0) });
  const ann = await opened.db.members.create({ username: 'ann', passwordHash: 'h', role: 'trader' });
  const bob = await opened.db.members.create({ username: 'bob', passwordHash: 'h', role: 'trader' });
  const request = (key: string, more: Partial<NewApproval> = {}): NewApproval => ({
    idempotencyKey: key, kind: 'place', requesterId: ann.id, requestHash: `hash-${key}`, symbol: 'BTC/USD',
    ticket: { symbol: 'BTC/USD', side: 'buy', volume: '2' }, notionalUsd: '120000.00', thresholdUsd: '50000',
    preview: { notionalUsd: '120000.00' }, expiresAt: '2026-03-04T05:21:07.000Z', ...more,
  });
  return { opened, approvals: opened.db.approvals, ann, bob, request };
}

forEachStore('approval requests repository', (store) => {
  it('files a request once per key, pending, with its ticket and preview as JSON', async () => {
    const { opened, approvals, ann, request } = await withMembers(store);
    const first = await approvals.create(request('k1'));
    assert.equal(first.created, true);
    assert.deepEqual({ ...first.record, id: 0 }, {
      id: 0, idempotencyKey: 'k1', kind: 'place', requesterId: ann.id, requester: 'ann', requestHash: 'hash-k1', symbol: 'BTC/USD',
      ticket: { symbol: 'BTC/USD', side: 'buy', volume: '2' }, notionalUsd: '120000.00', thresholdUsd: '50000', preview: { notionalUsd: '120000.00' },
      status: 'pending', approverId: null, approver: null, reason: null, result: null, createdAt: T0, expiresAt: '2026-03-04T05:21:07.000Z',
      decidedAt: null, updatedAt: T0,
    });
    const again = await approvals.create(request('k1', { requestHash: 'other' }));
    assert.equal(again.created, false);
    assert.deepEqual(again.record, first.record, 'the first request wins; the caller compares hashes');
    assert.deepEqual(await approvals.findByKey('k1'), first.record);
    assert.deepEqual(await approvals.get(first.record.id), first.record);
    assert.equal(await approvals.get(9999), null);
    await opened.close();
  });

  it('moves a request only from the status it is in, and never after it expired', async () => {
    const { opened, approvals, bob, request } = await withMembers(store);
    const { record } = await approvals.create(request('k2'));
    const late = '2026-03-04T06:00:00.000Z';
    assert.equal(await approvals.transition(record.id, { from: 'pending', to: 'approved', approverId: bob.id, decidedAt: late, before: late }), null, 'expired');
    assert.equal(await approvals.transition(record.id, { from: 'approved', to: 'placed', approverId: bob.id, decidedAt: T0 }), null, 'not approved yet');
    const approved = await approvals.transition(record.id, { from: 'pending', to: 'approved', approverId: bob.id, decidedAt: T0, before: T0 });
    assert.deepEqual([approved?.status, approved?.approver, approved?.decidedAt], ['approved', 'bob', T0]);
    const placed = await approvals.transition(record.id, { from: 'approved', to: 'placed', approverId: bob.id, decidedAt: T0, result: { order: { txid: 'O1' } } });
    assert.deepEqual([placed?.status, placed?.result], ['placed', { order: { txid: 'O1' } }]);
    assert.equal(await approvals.transition(record.id, { from: 'pending', to: 'rejected', approverId: bob.id, decidedAt: T0, reason: 'no' }), null);
    await opened.close();
  });

  it('of many concurrent moves from pending, through two connections, exactly one wins', async () => {
    const { opened, approvals, bob, request } = await withMembers(store);
    const other = opened.reopen({ now: () => new Date(T0) }).approvals;
    const { record } = await approvals.create(request('k3'));
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) =>
      (i % 2 ? other : approvals).transition(record.id, { from: 'pending', to: i % 3 ? 'approved' : 'rejected', approverId: bob.id, decidedAt: T0, before: T0 })));
    assert.equal(results.filter(Boolean).length, 1);
    await opened.close();
  });

  it('expires due pending requests once each, and lists newest first by status', async () => {
    const { opened, approvals, bob, request } = await withMembers(store);
    const soon = (await approvals.create(request('soon', { expiresAt: '2026-03-04T05:10:00.000Z' }))).record;
    const later = (await approvals.create(request('later', { expiresAt: '2026-03-04T07:00:00.000Z' }))).record;
    const decided = (await approvals.create(request('decided', { expiresAt: '2026-03-04T05:10:00.000Z' }))).record;
    await approvals.transition(decided.id, { from: 'pending', to: 'rejected', approverId: bob.id, decidedAt: T0, reason: 'too big' });
    assert.deepEqual(await approvals.expireDue('2026-03-04T05:09:59.000Z'), []);
    const [a, b] = await Promise.all([approvals.expireDue('2026-03-04T05:30:00.000Z'), opened.reopen().approvals.expireDue('2026-03-04T05:30:00.000Z')]);
    assert.deepEqual([...a, ...b].map((r) => [r.id, r.status]), [[soon.id, 'expired']], 'expired exactly once across connections');
    assert.deepEqual((await approvals.list({ limit: 10 })).map((r) => r.idempotencyKey), ['decided', 'later', 'soon']);
    assert.deepEqual((await approvals.list({ status: 'pending', limit: 10 })).map((r) => r.id), [later.id]);
    assert.deepEqual((await approvals.list({ status: 'rejected', limit: 10 })).map((r) => [r.reason, r.approver]), [['too big', 'bob']]);
    await opened.close();
  });

  it('a desk order placed by an approval names its approver', async () => {
    const { opened, ann, bob } = await withMembers(store);
    const base = { clOrdId: 'cl-a', memberId: ann.id, requestHash: 'h', symbol: 'BTC/USD', side: 'buy', orderType: 'limit', volume: '2', price: '60000', notionalUsd: '120000', utcDay: '2026-03-04' };
    const approved = await opened.db.deskOrders.claim({ ...base, idempotencyKey: 'a', approvedBy: bob.id });
    assert.deepEqual([approved.record.username, approved.record.approvedBy], ['ann', { id: bob.id, username: 'bob' }]);
    const plain = await opened.db.deskOrders.claim({ ...base, idempotencyKey: 'b', clOrdId: 'cl-b' });
    assert.equal(plain.record.approvedBy, null);
    await opened.close();
  });
});
