import assert from 'node:assert/strict';
import { it } from 'node:test';
import { verifyPassword } from '../../lib/auth/password';
import { forEachStore } from '../../lib/db/contract/stores';
import { runUserCli } from './testing/run-user-cli';

forEachStore('npm run user', (store) => {
  // `npm run user` against the store the desk would use: DATABASE_URL (PostgreSQL) when set, else DATABASE_PATH.
  it('adds, lists and promotes members in the store the env selects', async () => {
    const opened = await store.open();
    const env: Record<string, string> = store.name === 'postgres' ? { DATABASE_URL: opened.location } : { DATABASE_URL: '', DATABASE_PATH: opened.location };
    const add = await runUserCli(['add', 'Alice', '--role', 'trader'], env, 'first-password-1\n');
    assert.equal(add.code, 0, add.stderr);
    assert.equal(add.stdout.trim(), 'Created alice (trader).');
    const stored = await opened.db.members.findCredentials('alice');
    assert.equal(stored?.member.role, 'trader');
    assert.equal(await verifyPassword('first-password-1', stored!.passwordHash), true);

    const list = await runUserCli(['list'], env);
    assert.equal(list.code, 0, list.stderr);
    assert.match(list.stdout, /^USERNAME\s+ROLE\s+STATUS\s+CREATED\nalice\s+trader\s+active\s+\d{4}-\d\d-\d\d\n$/);
    const promote = await runUserCli(['role', 'alice', 'admin'], env);
    assert.equal(promote.code, 0, promote.stderr);
    assert.equal((await opened.db.members.findByUsername('alice'))?.role, 'admin');
    assert.deepEqual((await opened.db.audit.all()).map((r) => r.action), ['member.create', 'member.role'], 'the CLI audits into the same store');
    const refused = await runUserCli(['add', 'alice', '--role', 'viewer'], env, 'other-password-2\n');
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /already exists/);
    await opened.close();
  });
});
