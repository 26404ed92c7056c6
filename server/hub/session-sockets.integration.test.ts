/**
 * Feed sockets follow their session: "sign out everywhere" (web UI or `npm run user -- signout`) kills the
 * member's other browsers — their cookie gets nobody on the next request and their open /ws closes with the
 * revoked-session code — while "sign out" in one browser ends only that browser's socket. A session idle past
 * the idle timeout or past its absolute lifetime loses its socket too (injected clock, no sleeping for it).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { sealData } from 'iron-session';
import { WebSocket } from 'ws';
import { endAllSessions } from '../../lib/auth/end-sessions';
import { sessionRowId } from '../../lib/auth/session-auth';
import { openDatabase } from '../../lib/db';
import { CLOSE_CODES } from '../../lib/protocol';
import { memberFromCookieHeader, SESSION_COOKIE_NAME, SESSION_TTL_SECONDS, startSession } from '../../lib/session';
import { runUserCommand } from '../cli/user-commands';
import { createHub } from './hub';
import { feedSessions } from './member-sessions';
import { FakeUpstream } from './testing/fakes';
import { serveWs } from './testing/ws-server';

const ORIGIN = 'http://127.0.0.1:3000';
const PASSWORD = 'a-test-session-password-of-at-least-32-chars';
const LIMITS = { idleMs: 30 * 60_000, absoluteMs: 12 * 60 * 60_000 };

async function start() {
  const dir = mkdtempSync(join(tmpdir(), 'desk-sessions-'));
  let clock = Date.now();
  // the database stamps rows on the same injected clock the session limits are judged by
  const db = openDatabase(join(dir, 'desk.db'), { now: () => new Date(clock) });
  const upstream = new FakeUpstream();
  const hub = createHub({ upstream, lingerMs: 0 });
  upstream.setState('live');
  const sessions = feedSessions(db, PASSWORD, LIMITS, () => clock);
  const served = await serveWs({
    hub,
    authenticate: (req) => sessions.authenticate(req.headers.cookie),
    isAllowedOrigin: (origin) => origin === ORIGIN,
    members: { lookup: (id) => sessions.lookup(id), intervalMs: 100, sessionGraceMs: 100 },
  });
  const alice = await db.members.create({ username: 'alice', passwordHash: 'h', role: 'trader' });
  const bob = await db.members.create({ username: 'bob', passwordHash: 'h', role: 'trader' });
  const browserCookie = async (member: typeof alice) => {
    const data = await startSession(db, member);
    return { data, cookie: `${SESSION_COOKIE_NAME}=${encodeURIComponent(await sealData(data, { password: PASSWORD, ttl: SESSION_TTL_SECONDS }))}` };
  };
  const close = async () => {
    await served.close();
    await db.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { db, url: served.url, alice, bob, browserCookie, advance: (ms: number) => (clock += ms), now: () => clock, close };
}

async function openSocket(url: string, cookie: string) {
  const ws = new WebSocket(url, { headers: { cookie }, origin: ORIGIN });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, closed };
}

function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  return Promise.race([promise, new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: not within ${ms} ms`)), ms).unref())]);
}

test('sign out everywhere kills the other browser\'s cookie and its open /ws; another member keeps theirs', async () => {
  const s = await start();
  try {
    const here = await s.browserCookie(s.alice);
    const there = await s.browserCookie(s.alice);
    const bobs = await s.browserCookie(s.bob);
    const otherBrowser = await openSocket(s.url, there.cookie);
    const bobSocket = await openSocket(s.url, bobs.cookie);
    assert.ok(await memberFromCookieHeader(s.db, there.cookie, PASSWORD));

    await endAllSessions(s.db, s.alice.id, 'signed out everywhere');
    assert.equal(await within(otherBrowser.closed, 3000, 'the other browser\'s socket'), CLOSE_CODES.unauthorized);
    assert.equal(await memberFromCookieHeader(s.db, there.cookie, PASSWORD), null, 'the other browser\'s cookie is dead');
    assert.equal(await memberFromCookieHeader(s.db, here.cookie, PASSWORD), null, 'and this one\'s');
    await assert.rejects(openSocket(s.url, there.cookie), 'a dead cookie cannot open a new socket');
    assert.equal(bobSocket.ws.readyState, WebSocket.OPEN);
    bobSocket.ws.close();
  } finally {
    await s.close();
  }
});

test('signing out in one browser closes only that browser\'s socket', async () => {
  const s = await start();
  try {
    const here = await s.browserCookie(s.alice);
    const there = await s.browserCookie(s.alice);
    const mine = await openSocket(s.url, here.cookie);
    const other = await openSocket(s.url, there.cookie);
    await s.db.sessions.end(sessionRowId(here.data.sid), 'signed out');
    assert.equal(await within(mine.closed, 3000, 'the signed-out socket'), CLOSE_CODES.unauthorized);
    await new Promise((r) => setTimeout(r, 400)); // several watch rounds
    assert.equal(other.ws.readyState, WebSocket.OPEN, 'the member\'s other browser stays');
    other.ws.close();
  } finally {
    await s.close();
  }
});

test('`npm run user -- signout` from another handle closes the member\'s sockets', async () => {
  const s = await start();
  try {
    const socket = await openSocket(s.url, (await s.browserCookie(s.alice)).cookie);
    await runUserCommand(s.db, ['signout', 'alice'], { out: () => undefined, readPassword: async () => '' });
    assert.equal(await within(socket.closed, 3000, 'socket after the CLI signout'), CLOSE_CODES.unauthorized);
  } finally {
    await s.close();
  }
});

test('an idle session and one past its lifetime lose their sockets (injected clock)', async () => {
  const s = await start();
  try {
    const idle = await openSocket(s.url, (await s.browserCookie(s.alice)).cookie);
    s.advance(LIMITS.idleMs);
    assert.equal(await within(idle.closed, 3000, 'idle socket'), CLOSE_CODES.unauthorized);

    const busy = await s.browserCookie(s.bob);
    const old = await openSocket(s.url, busy.cookie);
    // keep it busy (activity every 20 minutes) right up to the absolute lifetime
    for (let elapsed = 0; elapsed < LIMITS.absoluteMs - 20 * 60_000; elapsed += 20 * 60_000) {
      s.advance(20 * 60_000);
      assert.ok(await memberFromCookieHeader(s.db, busy.cookie, PASSWORD, { limits: LIMITS, now: s.now }), 'in use');
    }
    assert.equal(old.ws.readyState, WebSocket.OPEN);
    s.advance(20 * 60_000);
    assert.equal(await within(old.closed, 3000, 'socket past the lifetime'), CLOSE_CODES.unauthorized);
  } finally {
    await s.close();
  }
});
