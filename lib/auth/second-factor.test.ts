import assert from 'node:assert/strict';
import { it } from 'node:test';
import { AppError } from '../errors';
import { forEachStore, type StoreUnderTest } from '../db/contract/stores';
import { resolveMember, startSession } from '../session';
import { requireRecentAuth, REAUTH_WINDOW_MS } from './reauth';
import { reauthenticate } from './reauthenticate';
import { hashPassword } from './password';
import { createSecretBox } from './secret-box';
import { beginEnrolment, checkCode, codeThrottle, confirmEnrolment, renewRecoveryCodes } from './second-factor';
import { memoryThrottleStore, type ThrottleStore } from './shared-throttle';
import { LoginThrottle } from './throttle';
import { base32Decode, totp } from './totp';

const IP = '198.51.100.7';

async function fixture(store: StoreUnderTest) {
  let clock = Date.parse('2026-06-01T09:00:00.000Z');
  const opened = await store.open({ now: () => new Date(clock) });
  const { db } = opened;
  const alice = await db.members.create({ username: 'alice', passwordHash: await hashPassword('alice-password-1'), role: 'trader' });
  const throttle = new LoginThrottle({ account: { freeFailures: 3, baseDelayMs: 5_000, maxDelayMs: 60_000 }, now: () => clock });
  const deps = { db, box: createSecretBox('s'.repeat(32)), throttle, now: () => clock };
  const loginThrottle = new LoginThrottle({ now: () => clock });
  return { opened, db, alice, deps, loginThrottle, now: () => clock, advance: (ms: number) => (clock += ms) };
}

/** The code an authenticator app would show for `secret` (base32) at `ms`. */
const codeAt = (secret: string, ms: number) => totp(base32Decode(secret), ms);

forEachStore('second factor: enrolment, sign-in codes, throttling, recovery codes', (store) => {
  it('enrols with a code from the new secret, stores the secret sealed, and hands out ten recovery codes once', async () => {
    const { opened, db, alice, deps, now } = await fixture(store);
    const enrolment = await beginEnrolment(deps, alice);
    assert.match(enrolment.secret, /^[A-Z2-7]{32}$/);
    assert.match(enrolment.uri, /^otpauth:\/\/totp\/Kraken%20Desk:alice\?secret=/);
    const stored = await db.secondFactor.get(alice.id);
    assert.ok(stored && !stored.sealedSecret.includes(enrolment.secret), 'the secret is stored sealed, never as typed');
    await assert.rejects(confirmEnrolment(deps, alice, '000000', IP), (e: unknown) => e instanceof AppError && e.code === 'invalid_code');
    const codes = await confirmEnrolment(deps, alice, codeAt(enrolment.secret, now()), IP);
    assert.equal(codes.length, 10);
    assert.equal(new Set(codes).size, 10);
    for (const code of codes) assert.match(code, /^[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}$/);
    const rows = await opened.sql('SELECT code_hash FROM member_recovery_codes WHERE member_id = $1', [alice.id]);
    assert.equal(rows.length, 10);
    for (const row of rows) assert.ok(!codes.some((c) => String(row.code_hash).includes(c.replace(/-/g, ''))), 'codes are stored hashed');
    await assert.rejects(beginEnrolment(deps, alice), (e: unknown) => e instanceof AppError && e.code === 'already_enrolled');
    assert.deepEqual((await db.audit.all()).map((r) => r.action), ['member.2fa_enrol']);
    await opened.close();
  });

  it('accepts the code of now once (no replay), the next step later, and refuses wrong codes', async () => {
    const { opened, alice, deps, now, advance } = await fixture(store);
    const { secret } = await beginEnrolment(deps, alice);
    await confirmEnrolment(deps, alice, codeAt(secret, now()), IP);
    advance(30_000);
    const code = codeAt(secret, now());
    assert.deepEqual(await checkCode(deps, alice, code, IP), { ok: true, kind: 'totp' });
    assert.deepEqual(await checkCode(deps, alice, code, IP), { ok: false, reason: 'invalid' }, 'the same code twice');
    advance(30_000);
    assert.deepEqual(await checkCode(deps, alice, codeAt(secret, now()), IP), { ok: true, kind: 'totp' });
    await opened.close();
  });

  it('slows wrong codes down: after 3 a delay, answered without checking, and the right code gets in after it', async () => {
    const { opened, alice, deps, now, advance } = await fixture(store);
    const { secret } = await beginEnrolment(deps, alice);
    await confirmEnrolment(deps, alice, codeAt(secret, now()), IP);
    advance(30_000);
    for (let i = 0; i < 3; i++) assert.deepEqual(await checkCode(deps, alice, '000000', IP), { ok: false, reason: 'invalid' });
    const throttled = await checkCode(deps, alice, codeAt(secret, now()), IP);
    assert.equal(throttled.ok, false);
    assert.equal(!throttled.ok && throttled.reason, 'throttled', 'even the right code waits out the delay');
    assert.equal(!throttled.ok && throttled.reason === 'throttled' && throttled.retryAfterMs, 5_000);
    advance(5_000);
    assert.deepEqual(await checkCode(deps, alice, '111111', IP), { ok: false, reason: 'invalid' });
    const longer = await checkCode(deps, alice, codeAt(secret, now()), IP);
    assert.equal(!longer.ok && longer.reason === 'throttled' && longer.retryAfterMs, 10_000, 'the delay doubles');
    advance(10_000);
    assert.deepEqual(await checkCode(deps, alice, codeAt(secret, now()), IP), { ok: true, kind: 'totp' });
    await opened.close();
  });

  it('wrong codes spread over two desk instances count together (the shared store), in entries apart from the password throttle\'s', async () => {
    const { opened, db, alice, deps, now, advance } = await fixture(store);
    // PostgreSQL: the store every instance shares (login_throttle); SQLite has one process, so a store in memory stands in
    const shared = db.shared.throttleStore ?? memoryThrottleStore();
    const keys = new Set<string>();
    const watched: ThrottleStore = { update: (k, change) => (k.forEach((key) => keys.add(key)), shared.update(k, change)) };
    const [one, two] = [{ ...deps, throttle: codeThrottle(watched, now) }, { ...deps, throttle: codeThrottle(watched, now) }];
    const { secret } = await beginEnrolment(one, alice);
    await confirmEnrolment(one, alice, codeAt(secret, now()), IP);
    advance(30_000);
    for (const instance of [one, two, one]) assert.deepEqual(await checkCode(instance, alice, '000000', IP), { ok: false, reason: 'invalid' });
    for (const instance of [one, two]) {
      const verdict = await checkCode(instance, alice, codeAt(secret, now()), IP);
      assert.equal(!verdict.ok && verdict.reason === 'throttled' && verdict.retryAfterMs, 5_000, 'the fourth guess waits, on either instance');
    }
    advance(5_000);
    assert.deepEqual(await checkCode(two, alice, codeAt(secret, now()), IP), { ok: true, kind: 'totp' });
    assert.ok(keys.size >= 2 && [...keys].every((key) => key.startsWith('2fa-code:')), `code entries only, never the password throttle's: ${[...keys].join(', ')}`);
    await opened.close();
  });

  it('a recovery code signs in once; renewing voids the old set', async () => {
    const { opened, db, alice, deps, now } = await fixture(store);
    const { secret } = await beginEnrolment(deps, alice);
    const codes = await confirmEnrolment(deps, alice, codeAt(secret, now()), IP);
    assert.deepEqual(await checkCode(deps, alice, codes[0]!.toUpperCase(), IP), { ok: true, kind: 'recovery' }, 'any case');
    assert.deepEqual(await checkCode(deps, alice, codes[0]!, IP), { ok: false, reason: 'invalid' }, 'used up');
    assert.deepEqual(await checkCode(deps, alice, codes[1]!.replace(/-/g, ' '), IP), { ok: true, kind: 'recovery' }, 'spaces for dashes');
    assert.equal(await db.secondFactor.remainingRecoveryCodes(alice.id), 8);
    const renewed = await renewRecoveryCodes(deps, alice);
    assert.deepEqual(await checkCode(deps, alice, codes[2]!, IP), { ok: false, reason: 'invalid' }, 'the old set is void');
    assert.deepEqual(await checkCode(deps, alice, renewed[0]!, IP), { ok: true, kind: 'recovery' });
    const used = (await db.audit.all()).filter((r) => r.action === 'member.2fa_recovery_code_used');
    assert.equal(used.length, 3);
    await opened.close();
  });

  it('a secret sealed under another session password cannot make codes; recovery codes still work', async () => {
    const { opened, alice, deps, now } = await fixture(store);
    const { secret } = await beginEnrolment(deps, alice);
    const codes = await confirmEnrolment(deps, alice, codeAt(secret, now() + 0), IP);
    const rotated = { ...deps, box: createSecretBox('t'.repeat(32)) };
    assert.deepEqual(await checkCode(rotated, alice, codeAt(secret, now() + 30_000), IP), { ok: false, reason: 'invalid' });
    assert.deepEqual(await checkCode(rotated, alice, codes[0]!, IP), { ok: true, kind: 'recovery' });
    await opened.close();
  });
});

forEachStore('re-authentication', (store) => {
  it('a fresh sign-in counts for 5 minutes; after that a password or a code (when enrolled) opens the window again', async () => {
    const { opened, db, alice, deps, loginThrottle, now, advance } = await fixture(store);
    const session = await startSession(db, alice);
    const resolve = async () => (await resolveMember(db, session, { now }))!;
    requireRecentAuth(await resolve(), now());
    advance(REAUTH_WINDOW_MS);
    const stale = await resolve();
    assert.throws(() => requireRecentAuth(stale, now()), (e: unknown) => {
      assert.ok(e instanceof AppError);
      assert.equal(e.code, 'reauth_required');
      assert.equal(e.status, 403);
      assert.match(e.message, /confirm it is you.*password/i);
      return true;
    });
    const reauth = { db, loginThrottle, secondFactor: deps };
    await assert.rejects(reauthenticate(reauth, stale, { password: 'wrong-password' }, IP), (e: unknown) => e instanceof AppError && e.code === 'reauth_failed');
    await assert.rejects(reauthenticate(reauth, stale, { code: '123456' }, IP), (e: unknown) => e instanceof AppError && e.code === 'not_enrolled');
    await assert.rejects(reauthenticate(reauth, stale, {}, IP), (e: unknown) => e instanceof AppError && e.code === 'invalid_request');
    assert.throws(() => requireRecentAuth(stale, now()), 'refused attempts open nothing');
    assert.deepEqual(await reauthenticate(reauth, stale, { password: 'alice-password-1' }, IP), { method: 'password' });
    requireRecentAuth(await resolve(), now());

    const { secret } = await beginEnrolment(deps, alice);
    await confirmEnrolment(deps, alice, codeAt(secret, now()), IP);
    advance(REAUTH_WINDOW_MS + 30_000);
    const enrolled = await resolve();
    assert.throws(() => requireRecentAuth(enrolled, now()));
    assert.deepEqual(await reauthenticate(reauth, enrolled, { code: codeAt(secret, now()) }, IP), { method: 'totp' });
    requireRecentAuth(await resolve(), now());
    assert.deepEqual((await db.audit.all()).filter((r) => r.action === 'member.reauth').map((r) => JSON.parse(r.detail).method), ['password', 'totp']);
    await opened.close();
  });

  it('re-authenticating in one browser does not open the window in another', async () => {
    const { opened, db, alice, deps, loginThrottle, now, advance } = await fixture(store);
    const here = await startSession(db, alice);
    const there = await startSession(db, alice);
    advance(REAUTH_WINDOW_MS);
    await reauthenticate({ db, loginThrottle, secondFactor: deps }, (await resolveMember(db, here, { now }))!, { password: 'alice-password-1' }, IP);
    requireRecentAuth((await resolveMember(db, here, { now }))!, now());
    const elsewhere = (await resolveMember(db, there, { now }))!;
    assert.throws(() => requireRecentAuth(elsewhere, now()));
    await opened.close();
  });
});
