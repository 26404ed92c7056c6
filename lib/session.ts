import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SessionOptions } from 'iron-session';
import { z } from 'zod';
import { ROLES, type Role } from './auth/roles';
import type { DeskDb } from './db/database';
import type { Member } from './db/members';
import {
  DEFAULT_SESSION_LIMITS, newSessionId, sessionExpiry, sessionRowId, TOUCH_EVERY_MS, withSessionAuth, type SessionLimits,
} from './auth/session-auth';
import type { Env } from './env';
import { createUnsealCache } from './session-unseal';

/**
 * The desk cookie, shared by Next (pages, actions, route handlers) and the custom server's `/ws` upgrade and SSE
 * feed. A signed-in cookie names the member, their session version and a random session id whose row
 * (`member_sessions`, keyed by its hash) is the session itself: `resolveMember` re-reads the member and that row
 * on every request, so signing out (this browser, or everywhere), disabling, role changes, the idle timeout and
 * the absolute lifetime take effect on the next request, not when the cookie expires.
 *
 * Between the password and the second factor the cookie holds only `pending` (who, since when): not signed in.
 */
export interface SessionData {
  memberId: number;
  username: string;
  role: Role;
  sessionVersion: number;
  /** the random session id (its SHA-256 names the row) */
  sid: string;
}

/** Password accepted, code not yet: the login page's second step. */
export interface PendingSecondFactor {
  memberId: number;
  sessionVersion: number;
  /** milliseconds since the epoch */
  startedAt: number;
  next?: string;
}

export type DeskCookie = Partial<SessionData> & { pending?: PendingSecondFactor };

export const SESSION_COOKIE_NAME = 'kd_session';

/** The cookie's own lifetime, in seconds: the longest absolute session lifetime allowed (SESSION_MAX_HOURS ≤ 168). */
export const SESSION_TTL_SECONDS = 7 * 24 * 60 * 60;

/** The second step of sign-in must follow the password within this long. */
export const PENDING_SECOND_FACTOR_MS = 5 * 60_000;

const sessionDataSchema = z.object({
  memberId: z.number().int().positive(),
  username: z.string().min(1),
  role: z.enum(ROLES),
  sessionVersion: z.number().int().nonnegative(),
  sid: z.string().min(32).max(64),
});

const pendingSchema = z.object({
  memberId: z.number().int().positive(),
  sessionVersion: z.number().int().nonnegative(),
  startedAt: z.number(),
  next: z.string().max(2000).optional(),
});

/**
 * Whether the cookie must be `Secure`: always, except for plain-http loopback origins (local
 * development and the demo), where browsers would otherwise be unable to sign in.
 */
export function cookieSecureFor(publicOrigin: string): boolean {
  const url = new URL(publicOrigin);
  const loopback = ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
  return !(url.protocol === 'http:' && loopback);
}

/** The origin people use to reach the desk: PUBLIC_ORIGIN, or the address it listens on. */
export function publicOriginOf(env: Pick<Env, 'PUBLIC_ORIGIN' | 'HOST' | 'PORT'>): string {
  if (env.PUBLIC_ORIGIN) return new URL(env.PUBLIC_ORIGIN).origin;
  const host = ['0.0.0.0', '::', '[::]'].includes(env.HOST) ? 'localhost' : env.HOST;
  return `http://${host.includes(':') && !host.startsWith('[') ? `[${host}]` : host}:${env.PORT}`;
}

/** The idle timeout and absolute lifetime the environment asks for. */
export function sessionLimitsOf(env: Pick<Env, 'SESSION_IDLE_MINUTES' | 'SESSION_MAX_HOURS'>): SessionLimits {
  return { idleMs: env.SESSION_IDLE_MINUTES * 60_000, absoluteMs: env.SESSION_MAX_HOURS * 60 * 60_000 };
}

/** iron-session options for the desk cookie. */
export function sessionOptions(password: string, { secure }: { secure: boolean }): SessionOptions {
  return {
    cookieName: SESSION_COOKIE_NAME,
    password,
    ttl: SESSION_TTL_SECONDS,
    cookieOptions: { httpOnly: true, sameSite: 'lax', secure, path: '/' },
  };
}

/** The raw value of cookie `name` from a `Cookie:` header, or null. */
export function cookieValue(cookieHeader: string | undefined | null, name: string): string | null {
  if (!cookieHeader) return null;
  for (const part of cookieHeader.split(';')) {
    const eq = part.indexOf('=');
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    const raw = part.slice(eq + 1).trim().replace(/^"(.*)"$/, '$1');
    try {
      return decodeURIComponent(raw);
    } catch {
      return null;
    }
  }
  return null;
}

/**
 * Unseals the desk cookie from a `Cookie:` header (the `/ws` upgrade has no Next `cookies()`).
 * Returns null when it is missing, tampered with, sealed with another password, or expired.
 */
export async function readSessionFromCookieHeader(
  cookieHeader: string | undefined | null,
  password: string,
): Promise<SessionData | null> {
  const seal = cookieValue(cookieHeader, SESSION_COOKIE_NAME);
  if (!seal) return null;
  const parsed = sessionDataSchema.safeParse(await unsealSessionCookie(seal, password));
  return parsed.success ? parsed.data : null;
}

/** Seals this process has verified (session-unseal.ts): the unseal's WebCrypto work is paid once per cookie. */
const unsealed = createUnsealCache();

/** The desk cookie's contents (`{}` when it is tampered with, sealed with another password, or expired). */
export async function unsealSessionCookie(seal: string, password: string): Promise<DeskCookie> {
  try {
    return (await unsealed.unseal(seal, password, SESSION_TTL_SECONDS)) as DeskCookie;
  } catch {
    return {};
  }
}

export interface ResolveOptions {
  limits?: SessionLimits;
  /** milliseconds since the epoch (tests inject a clock) */
  now?: () => number;
}

/**
 * The live member behind a session, with its SessionAuth attached (see session-auth.ts), or null when there is
 * none: no or a tampered cookie, a disabled member, a session version that moved on (password change, sign out
 * everywhere), a session row that was ended, sat idle past the idle timeout or outlived the absolute lifetime
 * (those rows are ended on the spot). Activity is noted on the row (at most every TOUCH_EVERY_MS).
 */
export async function resolveMember(db: DeskDb, session: DeskCookie | null | undefined, options: ResolveOptions = {}): Promise<Member | null> {
  const parsed = sessionDataSchema.safeParse(session ?? {});
  if (!parsed.success) return null;
  // one read for the member, this session's row and the second-factor policy: every request pays for it
  const admission = await db.sessions.admit(sessionRowId(parsed.data.sid), parsed.data.memberId);
  if (!admission) return null;
  const { member, session: row, enrolled, requiredRoles } = admission;
  if (member.disabled || member.sessionVersion !== parsed.data.sessionVersion) return null;
  if (!row || row.memberId !== member.id) return null;
  const nowMs = (options.now ?? Date.now)();
  const expiry = sessionExpiry(row, options.limits ?? DEFAULT_SESSION_LIMITS, nowMs);
  if (expiry) {
    if (expiry !== 'ended') await db.sessions.end(row.id, expiry === 'idle' ? 'idle timeout' : 'session lifetime reached');
    return null;
  }
  if (nowMs - Date.parse(row.lastSeenAt) >= TOUCH_EVERY_MS) await db.sessions.touch(row.id);
  const mustEnrol = !enrolled && requiredRoles.includes(member.role);
  return withSessionAuth(member, { sessionId: row.id, createdAt: row.createdAt, authAt: row.authAt, mustEnrol, enrolled });
}

/** The `/ws` upgrade and SSE check in one call: cookie header → live member or null. */
export async function memberFromCookieHeader(
  db: DeskDb,
  cookieHeader: string | undefined | null,
  password: string,
  options: ResolveOptions = {},
): Promise<Member | null> {
  return resolveMember(db, await readSessionFromCookieHeader(cookieHeader, password), options);
}

/**
 * Starts a session for a member who has just proved who they are (password, and the code when enrolled):
 * writes its row and returns what the cookie holds.
 */
export async function startSession(db: DeskDb, member: Member): Promise<SessionData> {
  const { sid, id } = newSessionId();
  await db.sessions.start(member.id, id);
  return { memberId: member.id, username: member.username, role: member.role, sessionVersion: member.sessionVersion, sid };
}

/** The pending second step in a cookie, when it is still fresh and well-formed. */
export function pendingSecondFactorOf(cookie: DeskCookie | null | undefined, nowMs: number): PendingSecondFactor | null {
  const parsed = pendingSchema.safeParse(cookie?.pending);
  if (!parsed.success || nowMs - parsed.data.startedAt > PENDING_SECOND_FACTOR_MS || parsed.data.startedAt > nowMs + 60_000) return null;
  return parsed.data;
}

export const SESSION_PASSWORD_FILE = 'session-password';

/**
 * The password that seals session cookies. SESSION_PASSWORD wins when set. In demo mode one is
 * generated on first start and kept in `<DATA_DIR>/session-password` (mode 0600) so restarts keep
 * people signed in. Live mode without SESSION_PASSWORD is refused: a generated secret on a real
 * deployment would silently differ between instances and vanish with the disk.
 */
export function resolveSessionPassword(env: Pick<Env, 'SESSION_PASSWORD' | 'DESK_MODE' | 'DATA_DIR'>): string {
  if (env.SESSION_PASSWORD) return env.SESSION_PASSWORD;
  if (env.DESK_MODE === 'live') {
    throw new Error(
      'SESSION_PASSWORD is required in live mode: set it to at least 32 random characters (e.g. `openssl rand -base64 32`).',
    );
  }
  const file = join(env.DATA_DIR, SESSION_PASSWORD_FILE);
  mkdirSync(env.DATA_DIR, { recursive: true });
  // Written whole to a temporary file, then linked into place: link fails if the file exists, so
  // two processes starting together agree on one password and neither reads a half-written file.
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, `${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  chmodSync(file, 0o600);
  const password = readFileSync(file, 'utf8').trim();
  if (password.length < 32) {
    throw new Error(`${file} holds a session password shorter than 32 characters; delete the file to generate a new one.`);
  }
  return password;
}
