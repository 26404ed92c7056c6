import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openDatabase } from '../db/database';
import { DEMO_PASSWORD, seedDemoMembers } from './demo-members';
import { hashPassword, verifyPassword } from './password';

describe('seedDemoMembers', () => {
  it('creates admin, trader and viewer with the demo password once, and leaves existing members alone', async () => {
    const db = openDatabase(':memory:');
    const admin = await db.members.create({ username: 'admin', role: 'viewer', passwordHash: await hashPassword('changed-it', { logN: 10, r: 8, p: 1 }) });
    assert.deepEqual(await seedDemoMembers(db), ['trader', 'viewer']);
    assert.deepEqual(await seedDemoMembers(db), []);
    const members = await db.members.list();
    assert.deepEqual(members.map((m) => [m.username, m.role]), [['admin', 'viewer'], ['trader', 'trader'], ['viewer', 'viewer']]);
    assert.deepEqual(members[0], admin, 'the existing admin kept its role and password');
    const trader = await db.members.findCredentials('trader');
    assert.equal(await verifyPassword(DEMO_PASSWORD, trader!.passwordHash), true);
    db.close();
  });
});
