import { it } from 'node:test';
import assert from 'node:assert/strict';
import { forEachStore } from './contract/stores';

forEachStore('favourites repository', (store) => {
  it('favourites are kept per member, idempotent, and go with the member', async () => {
    const opened = await store.open();
    const { db } = opened;
    const ann = await db.members.create({ username: 'ann', passwordHash: 'h', role: 'viewer' });
    const bob = await db.members.create({ username: 'bob', passwordHash: 'h', role: 'viewer' });
    assert.deepEqual(await db.favourites.set(ann.id, 'BTC/USD', true), ['BTC/USD']);
    assert.deepEqual(await db.favourites.set(ann.id, 'BTC/USD', true), ['BTC/USD']);
    await db.favourites.set(ann.id, 'SOL/USD', true);
    await db.favourites.set(bob.id, 'ETH/USD', true);
    assert.deepEqual((await db.favourites.list(ann.id)).sort(), ['BTC/USD', 'SOL/USD']);
    assert.deepEqual(await db.favourites.set(ann.id, 'BTC/USD', false), ['SOL/USD']);
    assert.deepEqual(await db.favourites.list(bob.id), ['ETH/USD']);
    await assert.rejects(db.favourites.set(ann.id, 'x', true));
    await opened.close();
  });
});
