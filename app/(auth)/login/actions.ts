'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { loginFormSchema } from '@/lib/auth/credentials';
import { BUSY_LOGIN_MESSAGE, INVALID_LOGIN_MESSAGE, signIn, throttledMessage, type LoginResult } from '@/lib/auth/login';
import { clientIpFrom, safeNextPath } from '@/lib/auth/request-context';
import { resolveMember, sessionDataFor } from '@/lib/session';
import { deskServices } from '@/lib/desk-services';
import { CLOSE_CODES } from '@/lib/protocol';
import { recordAuditEvent } from '@/lib/server/account';
import { getDb } from '@/lib/server/db';
import { getSession } from '@/lib/server/session';
import { getLoginFailureWindow, getLoginThrottle } from '@/lib/server/throttle';

export interface LoginState {
  error: string | null;
  /** Echoed back so a failed attempt does not make the member retype their name. */
  username: string;
}

const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

/** Signs in and redirects to `next` (same-site paths only) or /markets; on failure returns the message to show. */
export async function login(_previous: LoginState, form: FormData): Promise<LoginState> {
  const typed = field(form, 'username');
  const parsed = loginFormSchema.safeParse({ username: typed, password: field(form, 'password'), next: field(form, 'next') });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? INVALID_LOGIN_MESSAGE, username: typed };

  const { username, password, next } = parsed.data;
  const ip = clientIpFrom(await headers());
  const db = getDb();
  const result = await signIn({ members: db.members, throttle: getLoginThrottle(), audit: db.audit, failures: getLoginFailureWindow() }, { username, password, ip });
  if (!result.ok) return { error: refusalMessage(result), username: typed };

  const session = await getSession();
  Object.assign(session, sessionDataFor(result.member));
  await session.save();
  redirect(safeNextPath(next) ?? '/markets');
}

function refusalMessage(result: Exclude<LoginResult, { ok: true }>): string {
  if (result.reason === 'throttled') return throttledMessage(result.retryAfterMs);
  return result.reason === 'busy' ? BUSY_LOGIN_MESSAGE : INVALID_LOGIN_MESSAGE;
}

const SIGN_OUT_SOCKET_GRACE_MS = 2000;

/** Signs the member out everywhere (bumps the session version, so every cookie they hold dies) and clears this cookie. */
export async function logout(): Promise<void> {
  const session = await getSession();
  const db = getDb();
  const member = await resolveMember(db, session);
  if (member) {
    await db.members.bumpSessionVersion(member.id);
    await recordAuditEvent({ id: member.id, username: member.username }, 'logout');
    // Every cookie of theirs is now dead; live feed sockets opened with one must end too. Their other
    // tabs then go to the login page; the delay lets this tab follow its own redirect to /login first
    // instead of racing it with the socket's "unauthorized" redirect.
    const memberId = member.id;
    setTimeout(() => deskServices().hub.disconnectMember(memberId, CLOSE_CODES.unauthorized, 'signed out'), SIGN_OUT_SOCKET_GRACE_MS).unref();
  }
  session.destroy();
  redirect('/login');
}
