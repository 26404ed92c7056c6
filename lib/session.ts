import { randomBytes } from 'node:crypto';
import { chmodSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { unsealData, type SessionOptions } from 'iron-session';
import { z } from 'zod';
import { ROLES, type Role } from './auth/roles';
import type { DeskDb } from './db/database';
import type { Member } from './db/members';
import type { Env } from './env';

/**
 * The signed-in member's cookie, shared by Next (pages, actions, route handlers) and the custom
 * server's `/ws` upgrade. The cookie only says who signed in and at which session version;
 * `resolveMember` always re-reads the member so logout, disabling and role changes take effect
 * on the next request, not when the cookie expires.
 */
export interface SessionData {
  memberId: number;
  username: string;
  role: Role;
  sessionVersion: number;
}

export const SESSION_COOKIE_NAME = 'kd_session';

/** 12 hours, in seconds: one working day; members sign in again the next morning. */
export const SESSION_TTL_SECONDS = 12 * 60 * 60;

const sessionDataSchema = z.object({
  memberId: z.number().int().positive(),
  username: z.string().min(1),
  role: z.enum(ROLES),
  sessionVersion: z.number().int().nonnegative(),
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
  try {
    const data = await unsealData<unknown>(seal, { password, ttl: SESSION_TTL_SECONDS });
    const parsed = sessionDataSchema.safeParse(data);
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/**
 * The live member behind a session, or null when there is none, it was disabled, or its session
 * version moved on (logout, password change) since the cookie was issued.
 */
export async function resolveMember(db: DeskDb, session: Partial<SessionData> | null | undefined): Promise<Member | null> {
  const parsed = sessionDataSchema.safeParse(session ?? {});
  if (!parsed.success) return null;
  const member = await db.members.findById(parsed.data.memberId);
  if (!member || member.disabled || member.sessionVersion !== parsed.data.sessionVersion) return null;
  return member;
}

/** The `/ws` upgrade check in one call: cookie header → live member or null. */
export async function memberFromCookieHeader(
  db: DeskDb,
  cookieHeader: string | undefined | null,
  password: string,
): Promise<Member | null> {
  return resolveMember(db, await readSessionFromCookieHeader(cookieHeader, password));
}

export function sessionDataFor(member: Member): SessionData {
  return { memberId: member.id, username: member.username, role: member.role, sessionVersion: member.sessionVersion };
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
