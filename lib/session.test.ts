import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { sealData } from 'iron-session';
import { openDatabase } from './db/database';
import {
  SESSION_COOKIE_NAME,
  SESSION_TTL_SECONDS,
  cookieSecureFor,
  memberFromCookieHeader,
  publicOriginOf,
  readSessionFromCookieHeader,
  resolveMember,
  resolveSessionPassword,
  pendingSecondFactorOf,
  sessionLimitsOf,
  sessionOptions,
  startSession,
} from './session';
import { sessionAuthOf, sessionRowId } from './auth/session-auth';

const PASSWORD = 'p'.repeat(32);
const dir = mkdtempSync(join(tmpdir(), 'kd-session-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function cookieFor(data: object, password = PASSWORD, ttl = SESSION_TTL_SECONDS): Promise<string> {
  // Next writes cookie values URL-encoded; do the same so decoding is exercised.
  return `theme=dark; ${SESSION_COOKIE_NAME}=${encodeURIComponent(await sealData(data, { password, ttl }))}; other=1`;
}

async function memberFixture() {
  const db = openDatabase(':memory:');
  const member = await db.members.create({ username: 'trader', passwordHash: 'h', role: 'trader' });
  return { db, member };
}

describe('session options', () => {
  it('uses the kd_session cookie, httpOnly, lax, path / and a TTL', () => {
    const options = sessionOptions(PASSWORD, { secure: false });
    assert.equal(options.cookieName, 'kd_session');
    assert.equal(options.ttl, SESSION_TTL_SECONDS);
    assert.deepEqual(options.cookieOptions, { httpOnly: true, sameSite: 'lax', secure: false, path: '/' });
  });

  it('requires Secure except on plain-http loopback origins', () => {
    assert.equal(cookieSecureFor('http://localhost:3000'), false);
    assert.equal(cookieSecureFor('http://127.0.0.1:3000'), false);
    assert.equal(cookieSecureFor('http://[::1]:3000'), false);
    assert.equal(cookieSecureFor('https://localhost'), true);
    assert.equal(cookieSecureFor('https://desk.example.com'), true);
    assert.equal(cookieSecureFor('http://desk.lan:3000'), true);
  });

  it('derives the public origin from PUBLIC_ORIGIN or the listening address', () => {
    assert.equal(publicOriginOf({ PUBLIC_ORIGIN: 'https://desk.example.com/', HOST: '0.0.0.0', PORT: 80 }), 'https://desk.example.com');
    assert.equal(publicOriginOf({ PUBLIC_ORIGIN: undefined, HOST: '127.0.0.1', PORT: 3000 }), 'http://127.0.0.1:3000');
    assert.equal(publicOriginOf({ PUBLIC_ORIGIN: undefined, HOST: '0.0.0.0', PORT: 3000 }), 'http://localhost:3000');
  });
});

describe('readSessionFromCookieHeader', () => {
  const data = { memberId: 7, username: 'trader', role: 'trader', sessionVersion: 3, sid: 's'.repeat(43) };

  it('unseals the desk cookie from a Cookie header', async () => {
    assert.deepEqual(await readSessionFromCookieHeader(await cookieFor(data), PASSWORD), data);
  });

  it('returns null for a missing, tampered, foreign-password or malformed cookie', async () => {
    const good = await cookieFor(data);
    assert.equal(await readSessionFromCookieHeader(undefined, PASSWORD), null);
    assert.equal(await readSessionFromCookieHeader('theme=dark', PASSWORD), null);
    const seal = decodeURIComponent(/kd_session=([^;]*)/.exec(good)![1]!);
    const hmacAt = seal.lastIndexOf('*') + 2;
    const tampered = seal.slice(0, hmacAt) + (seal[hmacAt] === 'A' ? 'B' : 'A') + seal.slice(hmacAt + 1);
    assert.equal(await readSessionFromCookieHeader(`${SESSION_COOKIE_NAME}=${tampered}`, PASSWORD), null);
    assert.equal(await readSessionFromCookieHeader(good, 'q'.repeat(32)), null);
    assert.equal(await readSessionFromCookieHeader(await cookieFor({ memberId: 'x' }), PASSWORD), null);
    assert.equal(await readSessionFromCookieHeader(await cookieFor({ ...data, role: 'root' }), PASSWORD), null);
    assert.equal(await readSessionFromCookieHeader(`${SESSION_COOKIE_NAME}=%E0%A4%A`, PASSWORD), null);
  });
});

describe('resolveMember', () => {
  it('returns the live member for a current session, with the session attached out of sight', async () => {
    const { db, member } = await memberFixture();
    const data = await startSession(db, member);
    const resolved = await resolveMember(db, data);
    assert.deepEqual(resolved, member);
    assert.equal(JSON.stringify(resolved), JSON.stringify(member), 'the session never shows in JSON');
    const auth = sessionAuthOf(resolved!);
    assert.equal(auth?.sessionId, sessionRowId(data.sid));
    assert.equal(auth?.mustEnrol, false);
    const viaHeader = await memberFromCookieHeader(db, await cookieFor(data), PASSWORD);
    assert.equal(viaHeader?.id, member.id);
    await db.close();
  });

  it('reports the live role, not the one in the cookie', async () => {
    const { db, member } = await memberFixture();
    const data = await startSession(db, member);
    await db.members.setRole(member.id, 'viewer');
    assert.equal((await resolveMember(db, data))?.role, 'viewer');
    await db.close();
  });

  it('revokes every session when the session version is bumped (sign out everywhere, new password)', async () => {
    const { db, member } = await memberFixture();
    const data = await startSession(db, member);
    const cookie = await cookieFor(data);
    await db.members.bumpSessionVersion(member.id);
    assert.equal(await resolveMember(db, data), null);
    assert.equal(await memberFromCookieHeader(db, cookie, PASSWORD), null);
    await db.close();
  });

  it('ending one session row ends that browser only (a copy of its cookie included)', async () => {
    const { db, member } = await memberFixture();
    const here = await startSession(db, member);
    const there = await startSession(db, member);
    await db.sessions.end(sessionRowId(here.sid), 'signed out');
    assert.equal(await resolveMember(db, here), null);
    assert.equal((await resolveMember(db, there))?.id, member.id);
    await db.close();
  });

  it('revokes a session when the member is disabled, and keeps it revoked after re-enabling', async () => {
    const { db, member } = await memberFixture();
    const data = await startSession(db, member);
    await db.members.setDisabled(member.id, true);
    assert.equal(await resolveMember(db, { ...data, sessionVersion: member.sessionVersion + 1 }), null, 'disabled members have no session at all');
    await db.members.setDisabled(member.id, false);
    assert.equal(await resolveMember(db, data), null);
    await db.close();
  });

  it('returns null for no session, an empty one, a made-up session id, a pending sign-in, or a deleted member', async () => {
    const { db, member } = await memberFixture();
    const data = await startSession(db, member);
    assert.equal(await resolveMember(db, null), null);
    assert.equal(await resolveMember(db, {}), null);
    assert.equal(await resolveMember(db, { ...data, memberId: 999 }), null);
    assert.equal(await resolveMember(db, { ...data, sid: 'x'.repeat(43) }), null, 'a cookie without a session row is nobody');
    assert.equal(await resolveMember(db, { pending: { memberId: member.id, sessionVersion: 1, startedAt: Date.now() } }), null);
    const other = await db.members.create({ username: 'other', passwordHash: 'h', role: 'viewer' });
    assert.equal(await resolveMember(db, { ...data, memberId: other.id, username: 'other' }), null, "another member's session row does not count");
    await db.close();
  });
});

describe('session limits (idle timeout, absolute lifetime), on an injected clock', () => {
  const limits = { idleMs: 30 * 60_000, absoluteMs: 12 * 60 * 60_000 };

  async function clocked() {
    let clock = Date.parse('2026-05-01T08:00:00.000Z');
    const db = openDatabase(':memory:', { now: () => new Date(clock) });
    const member = await db.members.create({ username: 'trader', passwordHash: 'h', role: 'trader' });
    const data = await startSession(db, member);
    const resolve = () => resolveMember(db, data, { limits, now: () => clock });
    return { db, data, resolve, advance: (ms: number) => (clock += ms) };
  }

  it('ends a session left unused for the idle timeout, and says why', async () => {
    const { db, data, resolve, advance } = await clocked();
    advance(29 * 60_000);
    assert.ok(await resolve(), 'just inside the idle timeout');
    advance(29 * 60_000);
    assert.ok(await resolve(), 'activity 29 minutes ago keeps it alive');
    advance(30 * 60_000);
    assert.equal(await resolve(), null, '30 minutes unused: over');
    const row = await db.sessions.find(sessionRowId(data.sid));
    assert.equal(row?.endedReason, 'idle timeout');
    advance(-20 * 60_000);
    assert.equal(await resolve(), null, 'an ended session stays ended');
    await db.close();
  });

  it('ends a session at its absolute lifetime however busy it is', async () => {
    const { db, data, resolve, advance } = await clocked();
    for (let minutes = 0; minutes < 12 * 60 - 20; minutes += 20) {
      advance(20 * 60_000);
      assert.ok(await resolve(), `busy at ${minutes + 20} minutes`);
    }
    advance(20 * 60_000);
    assert.equal(await resolve(), null, '12 hours after sign-in');
    assert.equal((await db.sessions.find(sessionRowId(data.sid)))?.endedReason, 'session lifetime reached');
    await db.close();
  });

  it('reads its limits from SESSION_IDLE_MINUTES and SESSION_MAX_HOURS', () => {
    assert.deepEqual(sessionLimitsOf({ SESSION_IDLE_MINUTES: 30, SESSION_MAX_HOURS: 12 }), limits);
    assert.deepEqual(sessionLimitsOf({ SESSION_IDLE_MINUTES: 5, SESSION_MAX_HOURS: 1 }), { idleMs: 300_000, absoluteMs: 3_600_000 });
  });
});

describe('pending second factor', () => {
  it('is fresh for five minutes after the password', () => {
    const pending = { memberId: 3, sessionVersion: 1, startedAt: 1_000_000 };
    assert.deepEqual(pendingSecondFactorOf({ pending }, 1_000_000 + 299_000), pending);
    assert.equal(pendingSecondFactorOf({ pending }, 1_000_000 + 301_000), null);
    assert.equal(pendingSecondFactorOf({}, 1_000_000), null);
  });
});

describe('resolveSessionPassword', () => {
  it('prefers SESSION_PASSWORD in any mode', () => {
    const env = { SESSION_PASSWORD: PASSWORD, DATA_DIR: join(dir, 'unused') };
    assert.equal(resolveSessionPassword({ ...env, DESK_MODE: 'live' }), PASSWORD);
    assert.equal(resolveSessionPassword({ ...env, DESK_MODE: 'demo' }), PASSWORD);
  });

  it('in demo mode generates a 0600 file once and reuses it on later starts', () => {
    const DATA_DIR = join(dir, 'demo-data');
    const first = resolveSessionPassword({ SESSION_PASSWORD: undefined, DESK_MODE: 'demo', DATA_DIR });
    assert.ok(first.length >= 32);
    const file = join(DATA_DIR, 'session-password');
    assert.equal(readFileSync(file, 'utf8').trim(), first);
    assert.equal(statSync(file).mode & 0o777, 0o600);
    assert.equal(resolveSessionPassword({ SESSION_PASSWORD: undefined, DESK_MODE: 'demo', DATA_DIR }), first);
    const other = resolveSessionPassword({ SESSION_PASSWORD: undefined, DESK_MODE: 'demo', DATA_DIR: join(dir, 'd2') });
    assert.notEqual(other, first, 'generated, not a constant');
  });

  it('refuses a stored password that is too short', () => {
    const DATA_DIR = join(dir, 'short');
    resolveSessionPassword({ SESSION_PASSWORD: undefined, DESK_MODE: 'demo', DATA_DIR });
    writeFileSync(join(DATA_DIR, 'session-password'), 'short\n');
    assert.throws(() => resolveSessionPassword({ SESSION_PASSWORD: undefined, DESK_MODE: 'demo', DATA_DIR }), /shorter than 32/);
  });

  it('refuses live mode without SESSION_PASSWORD, with a clear message', () => {
    const DATA_DIR = join(dir, 'live');
    assert.throws(
      () => resolveSessionPassword({ SESSION_PASSWORD: undefined, DESK_MODE: 'live', DATA_DIR }),
      /SESSION_PASSWORD is required in live mode/,
    );
  });
});
