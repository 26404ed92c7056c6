import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AppError } from '../errors';
import { forEachStore, type StoreUnderTest } from './contract/stores';

forEachStore('members repository', (store) => {
  it('creates a member with lowercase username, version 1 and timestamps, and never exposes the hash', async () => {
    const { db, members } = await fixture(store);
    const created = await members.create({ username: '  Alice.B ', passwordHash: 'hash-a', role: 'trader' });
    assert.deepEqual(created, {
      id: created.id,
      username: 'alice.b',
      role: 'trader',
      disabled: false,
      sessionVersion: 1,
      createdAt: '2026-01-02T03:04:05.000Z',
      updatedAt: '2026-01-02T03:04:05.000Z',
    });
    assert.equal('passwordHash' in created, false);
    await db.close();
  });

  it('finds by username case-insensitively, by id, and returns credentials only on request', async () => {
    const { db, members } = await fixture(store);
    const bob = await members.create({ username: 'bob', passwordHash: 'hash-b', role: 'viewer' });
    assert.equal((await members.findByUsername('BOB'))?.id, bob.id);
    assert.equal((await members.findById(bob.id))?.username, 'bob');
    assert.equal(await members.findById(bob.id + 100), null);
    assert.equal(await members.findByUsername('nobody'), null);
    assert.equal(await members.findByUsername('x'), null, 'invalid names are simply not found');
    assert.deepEqual(await members.findCredentials('Bob'), { member: bob, passwordHash: 'hash-b' });
    await db.close();
  });

  it('rejects duplicate (any case), malformed usernames and unknown roles with AppErrors', async () => {
    const { db, members } = await fixture(store);
    await members.create({ username: 'carol', passwordHash: 'h', role: 'viewer' });
    await assert.rejects(members.create({ username: 'CAROL', passwordHash: 'h', role: 'viewer' }), (e: unknown) => {
      assert.ok(e instanceof AppError);
      assert.equal(e.code, 'username_taken');
      assert.equal(e.status, 409);
      return true;
    });
    for (const bad of ['ab', 'a'.repeat(33), 'has space', 'émile', 'semi;colon']) {
      await assert.rejects(members.create({ username: bad, passwordHash: 'h', role: 'viewer' }), { code: 'invalid_username' });
    }
    await assert.rejects(
      // @ts-expect-error an unknown role is exactly what is being tested
      members.create({ username: 'dave', passwordHash: 'h', role: 'root' }),
      { code: 'invalid_role' },
    );
    await db.close();
  });

  it('lists members by username', async () => {
    const { db, members } = await fixture(store);
    for (const username of ['zed', 'amy', 'max']) await members.create({ username, passwordHash: 'h', role: 'viewer' });
    assert.deepEqual((await members.list()).map((m) => m.username), ['amy', 'max', 'zed']);
    await db.close();
  });

  it('changes role, disabled flag, password and session version, stamping updatedAt', async () => {
    const { db, members, tick } = await fixture(store);
    const m = await members.create({ username: 'erin', passwordHash: 'old', role: 'viewer' });
    tick(1000);
    const promoted = await members.setRole(m.id, 'admin');
    assert.equal(promoted.role, 'admin');
    assert.equal(promoted.sessionVersion, 1, 'a role change does not need to revoke sessions');
    assert.equal(promoted.updatedAt, '2026-01-02T03:04:06.000Z');
    assert.equal(promoted.createdAt, m.createdAt);

    const bumped = await members.bumpSessionVersion(m.id);
    assert.equal(bumped.sessionVersion, 2);

    const disabled = await members.setDisabled(m.id, true);
    assert.equal(disabled.disabled, true);
    assert.equal(disabled.sessionVersion, 3, 'disabling revokes sessions');
    const enabled = await members.setDisabled(m.id, false);
    assert.equal(enabled.disabled, false);
    assert.equal(enabled.sessionVersion, 4, 'old cookies stay dead after re-enabling');

    const repassed = await members.setPassword(m.id, 'new');
    assert.equal(repassed.sessionVersion, 5);
    assert.equal((await members.findCredentials('erin'))?.passwordHash, 'new');
    await db.close();
  });

  it('answers changes to a missing member with member_not_found', async () => {
    const { db, members } = await fixture(store);
    await assert.rejects(members.setRole(42, 'admin'), { code: 'member_not_found', status: 404 });
    await assert.rejects(members.bumpSessionVersion(42), { code: 'member_not_found' });
    await assert.rejects(members.setDisabled(42, true), { code: 'member_not_found' });
    await assert.rejects(members.setPassword(42, 'x'), { code: 'member_not_found' });
    await db.close();
  });
});

async function fixture(store: StoreUnderTest) {
  let clock = Date.parse('2026-01-02T03:04:05.000Z');
  const opened = await store.open({ now: () => new Date(clock) });
  // `db.close()` in each test ends the whole fixture (both stores remove their data).
  const db = { close: () => opened.close() };
  return { db, members: opened.db.members, tick: (ms: number) => (clock += ms) };
}
