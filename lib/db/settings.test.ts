import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachStore } from './contract/stores';
import { DEFAULT_DESK_SETTINGS } from './desk-settings';

forEachStore('limits and desk settings repositories', (store) => {
  it('a member without limits has none; set replaces them all and lists by member', async () => {
    const opened = await store.open({ now: () => new Date('2026-03-04T05:06:07.000Z') });
    const { db } = opened;
    const ann = await db.members.create({ username: 'ann', passwordHash: 'h', role: 'trader' });
    const bob = await db.members.create({ username: 'bob', passwordHash: 'h', role: 'trader' });
    assert.deepEqual(await db.limits.get(ann.id), { memberId: ann.id, maxOrderUsd: null, maxDayUsd: null, allowedPairs: null, allowedTypes: null, updatedAt: null });
    const set = await db.limits.set(bob.id, { maxOrderUsd: '1000.50', maxDayUsd: '5000', allowedPairs: ['BTC/USD'], allowedTypes: ['limit', 'market'] }, ann.id);
    assert.deepEqual(set, { memberId: bob.id, maxOrderUsd: '1000.50', maxDayUsd: '5000', allowedPairs: ['BTC/USD'], allowedTypes: ['limit', 'market'], updatedAt: '2026-03-04T05:06:07.000Z' });
    await db.limits.set(ann.id, { maxOrderUsd: null, maxDayUsd: '1', allowedPairs: null, allowedTypes: [] }, null);
    const changed = await db.limits.set(bob.id, { maxOrderUsd: null, maxDayUsd: null, allowedPairs: null, allowedTypes: null }, ann.id);
    assert.deepEqual([changed.maxOrderUsd, changed.allowedPairs], [null, null]);
    assert.deepEqual((await db.limits.list()).map((l) => [l.memberId, l.maxDayUsd, l.allowedTypes]), [[ann.id, '1', []], [bob.id, null, null]]);
    await opened.close();
  });

  it('desk settings start at the defaults and change only the given fields', async () => {
    const opened = await store.open();
    const { db } = opened;
    assert.deepEqual(await db.deskSettings.get(), DEFAULT_DESK_SETTINGS);
    assert.deepEqual(await db.deskSettings.update({ frozen: true, confirmNotionalUsd: '100' }), { ...DEFAULT_DESK_SETTINGS, frozen: true, confirmNotionalUsd: '100' });
    assert.deepEqual(await db.deskSettings.update({ frozen: false }), { ...DEFAULT_DESK_SETTINGS, confirmNotionalUsd: '100' });
    assert.deepEqual(await opened.reopen().deskSettings.get(), { ...DEFAULT_DESK_SETTINGS, confirmNotionalUsd: '100' }, 'stored, not cached');
    await opened.close();
  });
});
