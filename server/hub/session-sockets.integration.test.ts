/**
 * Feed sockets follow their session: "sign out everywhere" (web UI or `npm run user -- signout`) kills the
 * member's other browsers — their cookie gets nobody on the next request and their open /ws closes with the
 * revoked-session code — while "sign out" in one browser ends only that browser's socket. A session idle past
 * the idle timeout or past its absolute lifetime loses its socket too (injected clock, no sleeping for it).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WebSocket } from 'ws';
import { endAllSessions } from '../../lib/auth/end-sessions';
import { sessionRowId } from '../../lib/auth/session-auth';
import { CLOSE_CODES } from '../../lib/protocol';
import { memberFromCookieHeader } from '../../lib/session';
import { runUserCommand } from '../cli/user-commands';
import { serveWs } from './testing/ws-server';
import { SESSION_DESK_LIMITS, SESSION_DESK_ORIGIN, SESSION_DESK_PASSWORD, sessionDesk } from './testing/session-desk';

const ORIGIN = SESSION_DESK_ORIGIN;

async function start() {
  const desk = await sessionDesk('desk-sessions-');
  const served = await serveWs({
    hub: desk.hub,
    authenticate: (req) => desk.sessions.authenticate(req.headers.cookie),
    isAllowedOrigin: desk.isAllowedOrigin,
    members: desk.members,
  });
  const close = async () => {
    await served.close();
    await desk.dispose();
  };
  return { db: desk.db, url: served.url, alice: desk.alice, bob: desk.bob, browserCookie: desk.browserCookie, advance: desk.advance, now: desk.now, close };
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
    assert.ok(await memberFromCookieHeader(s.db, there.cookie, SESSION_DESK_PASSWORD));

    await endAllSessions(s.db, s.alice.id, 'signed out everywhere');
    assert.equal(await within(otherBrowser.closed, 3000, 'the other browser\'s socket'), CLOSE_CODES.unauthorized);
    assert.equal(await memberFromCookieHeader(s.db, there.cookie, SESSION_DESK_PASSWORD), null, 'the other browser\'s cookie is dead');
    assert.equal(await memberFromCookieHeader(s.db, here.cookie, SESSION_DESK_PASSWORD), null, 'and this one\'s');
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
    s.advance(SESSION_DESK_LIMITS.idleMs);
    assert.equal(await within(idle.closed, 3000, 'idle socket'), CLOSE_CODES.unauthorized);

    const busy = await s.browserCookie(s.bob);
    const old = await openSocket(s.url, busy.cookie);
    // keep it busy (activity every 20 minutes) right up to the absolute lifetime
    for (let elapsed = 0; elapsed < SESSION_DESK_LIMITS.absoluteMs - 20 * 60_000; elapsed += 20 * 60_000) {
      s.advance(20 * 60_000);
      assert.ok(await memberFromCookieHeader(s.db, busy.cookie, SESSION_DESK_PASSWORD, { limits: SESSION_DESK_LIMITS, now: s.now }), 'in use');
    }
    assert.equal(old.ws.readyState, WebSocket.OPEN);
    s.advance(20 * 60_000);
    assert.equal(await within(old.closed, 3000, 'socket past the lifetime'), CLOSE_CODES.unauthorized);
  } finally {
    await s.close();
  }
});
