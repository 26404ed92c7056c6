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
  sessionDataFor,
  sessionOptions,
} from './session';

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
  const data = { memberId: 7, username: 'trader', role: 'trader', sessionVersion: 3 };

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
  it('returns the live member for a current session', async () => {
    const { db, member } = await memberFixture();
    assert.deepEqual(await resolveMember(db, sessionDataFor(member)), member);
    const viaHeader = await memberFromCookieHeader(db, await cookieFor(sessionDataFor(member)), PASSWORD);
    assert.equal(viaHeader?.id, member.id);
    db.close();
  });

  it('reports the live role, not the one in the cookie', async () => {
    const { db, member } = await memberFixture();
    await db.members.setRole(member.id, 'viewer');
    assert.equal((await resolveMember(db, sessionDataFor(member)))?.role, 'viewer');
    db.close();
  });

  it('revokes a session when the session version is bumped (logout)', async () => {
    const { db, member } = await memberFixture();
    const cookie = await cookieFor(sessionDataFor(member));
    await db.members.bumpSessionVersion(member.id);
    assert.equal(await resolveMember(db, sessionDataFor(member)), null);
    assert.equal(await memberFromCookieHeader(db, cookie, PASSWORD), null);
    db.close();
  });

  it('revokes a session when the member is disabled, and keeps it revoked after re-enabling', async () => {
    const { db, member } = await memberFixture();
    await db.members.setDisabled(member.id, true);
    const disabledNow = await db.members.findById(member.id);
    assert.equal(await resolveMember(db, sessionDataFor(disabledNow!)), null, 'disabled members have no session at all');
    await db.members.setDisabled(member.id, false);
    assert.equal(await resolveMember(db, sessionDataFor(member)), null);
    db.close();
  });

  it('returns null for no session, an empty one, or a deleted member', async () => {
    const { db, member } = await memberFixture();
    assert.equal(await resolveMember(db, null), null);
    assert.equal(await resolveMember(db, {}), null);
    assert.equal(await resolveMember(db, { ...sessionDataFor(member), memberId: 999 }), null);
    db.close();
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
