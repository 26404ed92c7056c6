/**
 * The SSE feed (`/api/feed`) follows the browser's session like `/ws` does (session-sockets.integration.test.ts), with
 * real session cookies and rows as the desk wires them (feedSessions): "sign out everywhere" — from the web UI, an
 * admin, or `npm run user -- signout` — ends every stream of the member; "sign out" in one browser ends only that
 * browser's stream; a session idle past the idle timeout loses its stream (injected clock); a member the desk now
 * requires to enrol a second factor loses theirs and gets no new one until enrolled.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { endAllSessions } from '../../lib/auth/end-sessions';
import { sessionRowId } from '../../lib/auth/session-auth';
import { CLOSE_CODES } from '../../lib/protocol';
import { runUserCommand } from '../cli/user-commands';
import { createSseFeed } from './sse-transport';
import { nodeEventSource } from './testing/sse-client';
import { serveFeed } from './testing/sse-http';
import { SESSION_DESK_LIMITS, SESSION_DESK_ORIGIN, sessionDesk } from './testing/session-desk';
import { until } from './testing/until';

const ORIGIN = SESSION_DESK_ORIGIN;

async function start() {
  const desk = await sessionDesk('desk-streams-');
  const { db, hub, sessions, alice, bob } = desk;
  const feed = createSseFeed({
    hub,
    authenticate: (cookie) => sessions.authenticate(cookie),
    isAllowedOrigin: desk.isAllowedOrigin,
    members: desk.members,
  });
  const http = await serveFeed(feed);
  const browser = async (member: typeof alice) => {
    const { data, cookie } = await desk.browserCookie(member);
    return { sid: data.sid, cookie };
  };
  return {
    db, alice, bob, browser,
    url: `${http.base}/api/feed`,
    advance: desk.advance,
    async close() {
      await feed.close();
      await http.close();
      await hub.close();
      await desk.dispose();
    },
  };
}

/** An open stream of a browser: its end event, once it came. */
async function openStream(url: string, cookie: string) {
  const Source = nodeEventSource({ cookie, origin: ORIGIN });
  const source = new Source(url);
  const seen = { id: undefined as string | undefined, end: undefined as { code: number } | undefined };
  source.addEventListener('stream', (ev) => (seen.id = (JSON.parse(ev.data) as { stream: string }).stream));
  source.addEventListener('end', (ev) => (seen.end = JSON.parse(ev.data) as { code: number }));
  await until(() => seen.id !== undefined, 5000, 'the stream opens');
  return { ended: () => seen.end, close: () => source.close() };
}

test('sign out everywhere (web UI or an admin) ends every SSE stream of the member; another member keeps theirs', async () => {
  const s = await start();
  try {
    const [here, there] = [await openStream(s.url, (await s.browser(s.alice)).cookie), await openStream(s.url, (await s.browser(s.alice)).cookie)];
    const bobs = await openStream(s.url, (await s.browser(s.bob)).cookie);
    await endAllSessions(s.db, s.alice.id, 'signed out everywhere');
    await until(() => here.ended() !== undefined && there.ended() !== undefined, 3000, 'both of alice\'s streams end');
    assert.deepEqual([here.ended()?.code, there.ended()?.code], [CLOSE_CODES.unauthorized, CLOSE_CODES.unauthorized]);
    await new Promise((r) => setTimeout(r, 400)); // several watch rounds
    assert.equal(bobs.ended(), undefined, 'bob keeps his stream');
    bobs.close();
  } finally {
    await s.close();
  }
});

test('signing out in one browser ends only that browser\'s stream; `npm run user -- signout` ends the rest', async () => {
  const s = await start();
  try {
    const mine = await s.browser(s.alice);
    const [here, there] = [await openStream(s.url, mine.cookie), await openStream(s.url, (await s.browser(s.alice)).cookie)];
    await s.db.sessions.end(sessionRowId(mine.sid), 'signed out');
    await until(() => here.ended() !== undefined, 3000, 'the signed-out browser\'s stream ends');
    assert.equal(here.ended()?.code, CLOSE_CODES.unauthorized);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(there.ended(), undefined, 'the member\'s other browser keeps its stream');
    await runUserCommand(s.db, ['signout', 'alice'], { out: () => undefined, readPassword: async () => '' });
    await until(() => there.ended() !== undefined, 3000, 'the other stream ends after the CLI signout');
    assert.equal(there.ended()?.code, CLOSE_CODES.unauthorized);
  } finally {
    await s.close();
  }
});

test('an idle session loses its SSE stream (injected clock)', async () => {
  const s = await start();
  try {
    const idle = await openStream(s.url, (await s.browser(s.alice)).cookie);
    s.advance(SESSION_DESK_LIMITS.idleMs);
    await until(() => idle.ended() !== undefined, 3000, 'the idle stream ends');
    assert.equal(idle.ended()?.code, CLOSE_CODES.unauthorized);
  } finally {
    await s.close();
  }
});

test('a member whose role must now enrol a second factor loses their stream and opens none until enrolled; other roles keep theirs', async () => {
  const s = await start();
  try {
    const viewer = await s.db.members.create({ username: 'val', passwordHash: 'h', role: 'viewer' });
    const alices = await openStream(s.url, (await s.browser(s.alice)).cookie);
    const vals = await openStream(s.url, (await s.browser(viewer)).cookie);
    await s.db.secondFactor.setRequiredRoles(['trader']);
    await until(() => alices.ended() !== undefined, 3000, 'alice\'s stream ends');
    assert.equal(alices.ended()?.code, CLOSE_CODES.unauthorized);
    const cookie = (await s.browser(s.alice)).cookie;
    assert.equal((await fetch(s.url, { headers: { cookie, origin: ORIGIN } })).status, 401, 'no new stream before enrolment');
    await s.db.secondFactor.begin(s.alice.id, 'sealed');
    await s.db.secondFactor.confirm(s.alice.id, 1, []);
    const enrolled = await openStream(s.url, cookie);
    await new Promise((r) => setTimeout(r, 400));
    assert.deepEqual([enrolled.ended(), vals.ended()], [undefined, undefined], 'enrolled, and viewers were never required');
    enrolled.close();
    vals.close();
  } finally {
    await s.close();
  }
});
