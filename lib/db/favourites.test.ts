import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openDatabase } from './database';

test('favourites are kept per member, idempotent, and go with the member', async () => {
  const db = openDatabase(':memory:');
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
  db.close();
});
