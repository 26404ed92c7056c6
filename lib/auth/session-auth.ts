import { createHash, randomBytes } from 'node:crypto';
import type { Member } from '../db/members';
import type { MemberSession } from '../db/member-security';

/**
 * What the signed-in browser's session says about the member beyond their row: which session it is, when it
 * began, when the member last proved who they are (for re-authentication) and whether they must enrol a second
 * factor first. Carried on the Member object that `resolveMember` returns, as a non-enumerable property under a
 * process-wide symbol, so every bundle (route handlers, server actions) and every wrapper passes it along
 * without knowing, and it never leaks into JSON.
 */
export interface SessionAuth {
  /** the session row's id (SHA-256 of the cookie's random id) */
  sessionId: string;
  createdAt: string;
  authAt: string;
  /** the member's role must enrol (desk policy) and they have not */
  mustEnrol: boolean;
  /** the member has a confirmed second factor */
  enrolled: boolean;
}

const AUTH = Symbol.for('kraken-desk.session-auth');

export function withSessionAuth<M extends Member>(member: M, auth: SessionAuth): M {
  Object.defineProperty(member, AUTH, { value: auth, enumerable: false, configurable: true });
  return member;
}

export function sessionAuthOf(member: Member): SessionAuth | undefined {
  return (member as Member & { [AUTH]?: SessionAuth })[AUTH];
}

/** A new random session id for the cookie, and the hash its row is stored under. */
export function newSessionId(): { sid: string; id: string } {
  const sid = randomBytes(32).toString('base64url');
  return { sid, id: sessionRowId(sid) };
}

export function sessionRowId(sid: string): string {
  return createHash('sha256').update(sid).digest('hex');
}

/** How long a session may sit unused, and live at all (SESSION_IDLE_MINUTES, SESSION_MAX_HOURS). */
export interface SessionLimits {
  idleMs: number;
  absoluteMs: number;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = { idleMs: 30 * 60_000, absoluteMs: 12 * 60 * 60_000 };

/** Why a live session row may no longer be used at `nowMs`, or null while it may. */
export function sessionExpiry(session: Pick<MemberSession, 'createdAt' | 'lastSeenAt' | 'endedAt'>, limits: SessionLimits, nowMs: number): 'ended' | 'idle' | 'expired' | null {
  if (session.endedAt) return 'ended';
  if (nowMs - Date.parse(session.createdAt) >= limits.absoluteMs) return 'expired';
  if (nowMs - Date.parse(session.lastSeenAt) >= limits.idleMs) return 'idle';
  return null;
}

/** Activity is written at most this often per session: the idle timeout is judged to within it. */
export const TOUCH_EVERY_MS = 15_000;
