import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachStore } from '../../lib/db/contract/stores';
import { startSession, resolveMember } from '../../lib/session';
import { runUserCli } from './testing/run-user-cli';

forEachStore('npm run user: sessions and second factor', (store) => {
  it('signout ends every session, reset-2fa removes the factor and codes, require-2fa sets the policy; all audited', async () => {
    const opened = await store.open();
    const env: Record<string, string> = store.name === 'postgres' ? { DATABASE_URL: opened.location } : { DATABASE_URL: '', DATABASE_PATH: opened.location };
    const { db } = opened;
    const alice = await db.members.create({ username: 'alice', passwordHash: 'h', role: 'trader' });
    const one = await startSession(db, alice);
    const two = await startSession(db, alice);
    assert.ok(await resolveMember(db, one));

    const signout = await runUserCli(['signout', 'alice'], env);
    assert.equal(signout.code, 0, signout.stderr);
    assert.equal(signout.stdout.trim(), 'Signed alice out everywhere (2 sessions ended).');
    assert.equal(await resolveMember(db, one), null);
    assert.equal(await resolveMember(db, two), null);

    await db.secondFactor.begin(alice.id, 'sealed');
    await db.secondFactor.confirm(alice.id, 1, ['a', 'b']);
    const fresh = await startSession(db, (await db.members.findById(alice.id))!);
    const reset = await runUserCli(['reset-2fa', 'alice'], env);
    assert.equal(reset.code, 0, reset.stderr);
    assert.equal(await db.secondFactor.get(alice.id), null);
    assert.equal(await db.secondFactor.remainingRecoveryCodes(alice.id), 0);
    assert.equal(await resolveMember(db, fresh), null, 'sessions end with the reset');
    const again = await runUserCli(['reset-2fa', 'alice'], env);
    assert.equal(again.code, 1);
    assert.match(again.stderr, /has no second factor/);

    const policy = await runUserCli(['require-2fa', 'admin', 'trader'], env);
    assert.equal(policy.code, 0, policy.stderr);
    assert.equal(policy.stdout.trim(), 'Two-factor sign-in is required for: trader, admin.');
    assert.deepEqual(await db.secondFactor.requiredRoles(), ['trader', 'admin']);
    const bad = await runUserCli(['require-2fa', 'root'], env);
    assert.equal(bad.code, 2);
    const none = await runUserCli(['require-2fa', 'none'], env);
    assert.equal(none.stdout.trim(), 'Two-factor sign-in is optional for every role.');
    assert.deepEqual(
      (await db.audit.all()).map((r) => r.action),
      ['member.sessions_ended', 'member.2fa_reset', 'desk.2fa_policy', 'desk.2fa_policy'],
    );
    await opened.close();
  });
});
