/**
 * The session side of a desk for feed tests: a file database on an injected clock (rows are stamped on the same
 * clock the session limits are judged by), a hub on a fake upstream, the desk's own feedSessions, members alice
 * and bob, and a browser's sealed session cookie. The transport under test (/ws or SSE) is served on top.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sealData } from 'iron-session';
import { openDatabase, type Member } from '../../../lib/db';
import { SESSION_COOKIE_NAME, SESSION_TTL_SECONDS, startSession } from '../../../lib/session';
import { createHub } from '../hub';
import { feedSessions } from '../member-sessions';
import { FakeUpstream } from './fakes';

export const SESSION_DESK_ORIGIN = 'http://127.0.0.1:3000';
export const SESSION_DESK_PASSWORD = 'a-test-session-password-of-at-least-32-chars';
export const SESSION_DESK_LIMITS = { idleMs: 30 * 60_000, absoluteMs: 12 * 60 * 60_000 };

export async function sessionDesk(prefix: string) {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  let clock = Date.now();
  const db = openDatabase(join(dir, 'desk.db'), { now: () => new Date(clock) });
  const upstream = new FakeUpstream();
  const hub = createHub({ upstream, lingerMs: 0 });
  upstream.setState('live');
  const sessions = feedSessions(db, SESSION_DESK_PASSWORD, SESSION_DESK_LIMITS, () => clock);
  const alice = await db.members.create({ username: 'alice', passwordHash: 'h', role: 'trader' });
  const bob = await db.members.create({ username: 'bob', passwordHash: 'h', role: 'trader' });
  return {
    db, hub, sessions, alice, bob,
    /** what a transport's member watch needs: the desk's lookup, polled every 100 ms */
    members: { lookup: (id: number) => sessions.lookup(id), intervalMs: 100, sessionGraceMs: 100 },
    isAllowedOrigin: (origin: string | null) => origin === SESSION_DESK_ORIGIN,
    /** a new sign-in of `member` in a browser: its session row and cookie */
    async browserCookie(member: Member) {
      const data = await startSession(db, member);
      return { data, cookie: `${SESSION_COOKIE_NAME}=${encodeURIComponent(await sealData(data, { password: SESSION_DESK_PASSWORD, ttl: SESSION_TTL_SECONDS }))}` };
    },
    advance: (ms: number) => (clock += ms),
    now: () => clock,
    /** the database and its folder (the transport closes the hub) */
    async dispose() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
