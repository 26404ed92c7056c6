import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AppError } from '../errors';
import { forEachStore, type StoreUnderTest } from './contract/stores';

async function fixture(store: StoreUnderTest) {
  let clock = Date.parse('2026-03-04T05:06:07.000Z');
  const opened = await store.open({ now: () => new Date(clock) });
  const alice = await opened.db.members.create({ username: 'alice', passwordHash: 'h', role: 'trader' });
  const bob = await opened.db.members.create({ username: 'bob', passwordHash: 'h', role: 'admin' });
  return { opened, db: opened.db, alice, bob, tick: (ms: number) => (clock += ms) };
}

forEachStore('member sessions repository', (store) => {
  it('starts, touches, re-authenticates and ends one session; ending all keeps the one asked for', async () => {
    const { opened, db, alice, bob, tick } = await fixture(store);
    const one = await db.sessions.start(alice.id, 'sid-1');
    assert.deepEqual(one, {
      id: 'sid-1', memberId: alice.id, createdAt: '2026-03-04T05:06:07.000Z', lastSeenAt: '2026-03-04T05:06:07.000Z',
      authAt: '2026-03-04T05:06:07.000Z', endedAt: null, endedReason: null,
    });
    tick(60_000);
    await db.sessions.touch('sid-1');
    assert.equal((await db.sessions.find('sid-1'))?.lastSeenAt, '2026-03-04T05:07:07.000Z');
    assert.equal((await db.sessions.find('sid-1'))?.authAt, '2026-03-04T05:06:07.000Z', 'activity is not re-authentication');
    tick(60_000);
    await db.sessions.reauthenticated('sid-1');
    assert.equal((await db.sessions.find('sid-1'))?.authAt, '2026-03-04T05:08:07.000Z');
    await db.sessions.start(alice.id, 'sid-2');
    await db.sessions.start(alice.id, 'sid-3');
    await db.sessions.start(bob.id, 'sid-bob');
    assert.equal(await db.sessions.end('sid-2', 'signed out'), true);
    assert.equal(await db.sessions.end('sid-2', 'signed out'), false, 'ending twice changes nothing');
    assert.deepEqual((await db.sessions.live(alice.id)).map((s) => s.id), ['sid-1', 'sid-3']);
    assert.equal(await db.sessions.endAll(alice.id, 'signed out everywhere', 'sid-3'), 1);
    assert.deepEqual((await db.sessions.live(alice.id)).map((s) => s.id), ['sid-3']);
    assert.equal(await db.sessions.endAll(alice.id, 'admin'), 1);
    assert.deepEqual(await db.sessions.live(alice.id), []);
    assert.equal((await db.sessions.find('sid-1'))?.endedReason, 'signed out everywhere');
    await db.sessions.touch('sid-1');
    tick(60_000);
    await db.sessions.reauthenticated('sid-1');
    assert.equal((await db.sessions.find('sid-1'))?.lastSeenAt, '2026-03-04T05:08:07.000Z', 'an ended session is never revived');
    assert.equal((await db.sessions.live(bob.id)).length, 1, "another member's sessions are untouched");
    await opened.close();
  });

  it('admits in one read: the member, their session row (only theirs), second-factor state and policy; every change shows at once', async () => {
    const { opened, db, alice, bob } = await fixture(store);
    await db.sessions.start(alice.id, 'sid-a');
    await db.sessions.start(bob.id, 'sid-b');
    const admitted = await db.sessions.admit('sid-a', alice.id);
    assert.deepEqual(admitted, {
      member: alice,
      session: { id: 'sid-a', memberId: alice.id, createdAt: '2026-03-04T05:06:07.000Z', lastSeenAt: '2026-03-04T05:06:07.000Z', authAt: '2026-03-04T05:06:07.000Z', endedAt: null, endedReason: null },
      enrolled: false,
      requiredRoles: [],
    });
    assert.equal(await db.sessions.admit('sid-a', 999), null, 'no such member');
    assert.equal((await db.sessions.admit('sid-b', alice.id))?.session, null, "another member's session is not theirs");
    assert.equal((await db.sessions.admit('sid-x', alice.id))?.session, null, 'no such session');
    // every input of the decision is re-read: a second instance on the same data sees each change
    const other = opened.reopen();
    await db.sessions.end('sid-a', 'signed out');
    assert.equal((await other.sessions.admit('sid-a', alice.id))?.session?.endedReason, 'signed out');
    await db.members.setDisabled(alice.id, true);
    assert.equal((await other.sessions.admit('sid-a', alice.id))?.member.disabled, true);
    await db.secondFactor.setRequiredRoles(['trader', 'admin']);
    await db.secondFactor.begin(bob.id, 'sealed');
    assert.deepEqual(await other.sessions.admit('sid-b', bob.id).then((a) => [a?.enrolled, a?.requiredRoles]), [false, ['trader', 'admin']]);
    await db.secondFactor.confirm(bob.id, 1, ['code']);
    assert.equal((await other.sessions.admit('sid-b', bob.id))?.enrolled, true);
    await opened.close();
  });

  it('drops rows older than the retention when a new session starts', async () => {
    const { opened, db, alice, tick } = await fixture(store);
    await db.sessions.start(alice.id, 'old');
    tick(9 * 24 * 60 * 60 * 1000);
    await db.sessions.start(alice.id, 'new');
    assert.equal(await db.sessions.find('old'), null);
    assert.ok(await db.sessions.find('new'));
    await opened.close();
  });
});

forEachStore('second factor repository', (store) => {
  it('enrols: begin → confirm with recovery codes; a confirmed factor refuses another begin', async () => {
    const { opened, db, alice } = await fixture(store);
    assert.equal(await db.secondFactor.get(alice.id), null);
    await db.secondFactor.begin(alice.id, 'sealed-1');
    await db.secondFactor.begin(alice.id, 'sealed-2');
    assert.deepEqual(await db.secondFactor.get(alice.id), { memberId: alice.id, sealedSecret: 'sealed-2', confirmedAt: null, lastStep: 0 });
    assert.deepEqual(await db.secondFactor.enrolledIds(), []);
    assert.equal(await db.secondFactor.acceptStep(alice.id, 5), false, 'no code is accepted before enrolment is confirmed');
    assert.equal(await db.secondFactor.confirm(alice.id, 1000, ['h1', 'h2', 'h3']), true);
    assert.equal(await db.secondFactor.confirm(alice.id, 1001, ['x']), false, 'confirming twice does nothing');
    assert.equal((await db.secondFactor.get(alice.id))?.confirmedAt, '2026-03-04T05:06:07.000Z');
    assert.deepEqual(await db.secondFactor.enrolledIds(), [alice.id]);
    assert.equal(await db.secondFactor.remainingRecoveryCodes(alice.id), 3);
    await assert.rejects(db.secondFactor.begin(alice.id, 'sealed-3'), (e: unknown) => e instanceof AppError && e.code === 'already_enrolled');
    assert.equal((await db.secondFactor.get(alice.id))?.sealedSecret, 'sealed-2');
    await opened.close();
  });

  it('accepts each time step once and only newer ones (no replay)', async () => {
    const { opened, db, alice } = await fixture(store);
    await db.secondFactor.begin(alice.id, 's');
    await db.secondFactor.confirm(alice.id, 1000, []);
    assert.equal(await db.secondFactor.acceptStep(alice.id, 1000), false, 'the enrolment code is used');
    assert.equal(await db.secondFactor.acceptStep(alice.id, 1001), true);
    assert.equal(await db.secondFactor.acceptStep(alice.id, 1001), false);
    const both = await Promise.all([db.secondFactor.acceptStep(alice.id, 1002), db.secondFactor.acceptStep(alice.id, 1002)]);
    assert.deepEqual(both.sort(), [false, true], 'two concurrent uses of one code: one wins');
    await opened.close();
  });

  it('uses a recovery code once, even concurrently; replacing codes voids the old ones; remove clears all', async () => {
    const { opened, db, alice, bob } = await fixture(store);
    await db.secondFactor.begin(alice.id, 's');
    await db.secondFactor.confirm(alice.id, 1, ['h1', 'h2']);
    const twice = await Promise.all([db.secondFactor.useRecoveryCode(alice.id, 'h1'), db.secondFactor.useRecoveryCode(alice.id, 'h1')]);
    assert.deepEqual(twice.sort(), [false, true]);
    assert.equal(await db.secondFactor.useRecoveryCode(alice.id, 'h1'), false);
    assert.equal(await db.secondFactor.useRecoveryCode(bob.id, 'h2'), false, "another member's code does not work");
    assert.equal(await db.secondFactor.remainingRecoveryCodes(alice.id), 1);
    await db.secondFactor.replaceRecoveryCodes(alice.id, ['n1', 'n2', 'n3']);
    assert.equal(await db.secondFactor.useRecoveryCode(alice.id, 'h2'), false);
    assert.equal(await db.secondFactor.remainingRecoveryCodes(alice.id), 3);
    assert.equal(await db.secondFactor.remove(alice.id), true);
    assert.equal(await db.secondFactor.remove(alice.id), false);
    assert.equal(await db.secondFactor.get(alice.id), null);
    assert.equal(await db.secondFactor.remainingRecoveryCodes(alice.id), 0);
    await opened.close();
  });

  it('keeps the roles that must enrol, in role order, refusing unknown roles', async () => {
    const { opened, db } = await fixture(store);
    assert.deepEqual(await db.secondFactor.requiredRoles(), []);
    assert.deepEqual(await db.secondFactor.setRequiredRoles(['admin', 'trader']), ['trader', 'admin']);
    assert.deepEqual(await db.secondFactor.requiredRoles(), ['trader', 'admin']);
    await assert.rejects(db.secondFactor.setRequiredRoles(['root' as 'admin']), (e: unknown) => e instanceof AppError && e.code === 'invalid_role');
    assert.deepEqual(await db.secondFactor.setRequiredRoles([]), []);
    assert.deepEqual(await db.deskSettings.get(), (await opened.reopen().deskSettings.get()), 'desk settings are untouched by the policy row');
    await opened.close();
  });
});
