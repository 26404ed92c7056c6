'use server';

import { headers } from 'next/headers';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { loginFormSchema } from '@/lib/auth/credentials';
import { auditSafeText } from '@/lib/auth/audit-window';
import { BUSY_LOGIN_MESSAGE, INVALID_LOGIN_MESSAGE, signIn, throttledMessage, type LoginResult } from '@/lib/auth/login';
import { checkCode, INVALID_CODE_MESSAGE } from '@/lib/auth/second-factor';
import { clientIpFrom, safeNextPath } from '@/lib/auth/request-context';
import { pendingSecondFactorOf, startSession, type DeskCookie } from '@/lib/session';
import { getDb } from '@/lib/server/db';
import { getSession } from '@/lib/server/session';
import { secondFactorDeps } from '@/lib/server/second-factor';
import { getLoginFailureWindow, getLoginThrottle } from '@/lib/server/throttle';

export interface LoginState {
  error: string | null;
  /** Echoed back so a failed attempt does not make the member retype their name. */
  username: string;
  /** `code`: the password was right and the member's second factor is due. */
  step: 'password' | 'code';
}

const field = (form: FormData, name: string) => {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
};

/**
 * Step one: the password. A member without a second factor is signed in and sent to `next` (same-site paths
 * only) or /markets; one with a second factor gets a cookie that only says "code due" (not signed in) and the
 * code form. On failure returns the message to show.
 */
export async function login(previous: LoginState, form: FormData): Promise<LoginState> {
  if (field(form, 'step') === 'code') return loginCode(previous, form);
  const typed = field(form, 'username');
  const parsed = loginFormSchema.safeParse({ username: typed, password: field(form, 'password'), next: field(form, 'next') });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? INVALID_LOGIN_MESSAGE, username: typed, step: 'password' };

  const { username, password, next } = parsed.data;
  const ip = clientIpFrom(await headers());
  const db = getDb();
  const result = await signIn(
    { members: db.members, throttle: getLoginThrottle(), audit: db.audit, failures: getLoginFailureWindow() },
    { username, password, ip },
    { codeDue: async (member) => Boolean((await db.secondFactor.get(member.id))?.confirmedAt) },
  );
  if (!result.ok) return { error: refusalMessage(result), username: typed, step: 'password' };

  const session = await getSession();
  clearCookie(session);
  if (result.codeDue) {
    session.pending = { memberId: result.member.id, sessionVersion: result.member.sessionVersion, startedAt: Date.now(), next: safeNextPath(next) ?? undefined };
    await session.save();
    return { error: null, username: typed, step: 'code' };
  }
  Object.assign(session, await startSession(db, result.member));
  await session.save();
  redirect(safeNextPath(next) ?? '/markets');
}

const codeSchema = z.string().trim().min(1, 'Type the code from your authenticator app.').max(40, INVALID_CODE_MESSAGE);

/** Step two: the TOTP code (or a recovery code) for the member whose password was accepted a moment ago. */
async function loginCode(previous: LoginState, form: FormData): Promise<LoginState> {
  const session = await getSession();
  const pending = pendingSecondFactorOf(session, Date.now());
  const restart = (error: string): LoginState => ({ error, username: previous.username, step: 'password' });
  if (!pending) return restart('Sign-in took too long. Enter your username and password again.');
  const code = codeSchema.safeParse(field(form, 'code'));
  if (!code.success) return { ...previous, error: code.error.issues[0]?.message ?? INVALID_CODE_MESSAGE, step: 'code' };

  const db = getDb();
  const member = await db.members.findById(pending.memberId);
  if (!member || member.disabled || member.sessionVersion !== pending.sessionVersion) {
    session.destroy();
    return restart(INVALID_LOGIN_MESSAGE);
  }
  const ip = clientIpFrom(await headers());
  const check = await checkCode(secondFactorDeps(), member, code.data, ip);
  if (!check.ok) {
    const action = check.reason === 'throttled' ? 'login.code_throttled' : 'login.code_failed';
    await getLoginFailureWindow().note(`${action}\u0000${member.username}\u0000${ip}`, {
      action, actor: { id: member.id, username: member.username }, outcome: 'error', detail: { ip: auditSafeText(ip, 64) },
    });
    const error = check.reason === 'throttled' ? throttledMessage(check.retryAfterMs).replace('failed attempts', 'wrong codes') : INVALID_CODE_MESSAGE;
    return { ...previous, error, step: 'code' };
  }
  await db.audit.append({ actorId: member.id, actor: member.username, action: 'login', phase: 'event', detail: { ip: auditSafeText(ip, 64), secondFactor: check.kind }, outcome: 'ok' });
  clearCookie(session);
  Object.assign(session, await startSession(db, member));
  await session.save();
  redirect(safeNextPath(pending.next ?? null) ?? '/markets');
}

/** Empties the cookie's fields (a half-finished sign-in, an older session) before it is written anew. */
function clearCookie(session: DeskCookie): void {
  for (const key of Object.keys(session) as (keyof DeskCookie)[]) delete session[key];
}

function refusalMessage(result: Exclude<LoginResult, { ok: true }>): string {
  if (result.reason === 'throttled') return throttledMessage(result.retryAfterMs);
  return result.reason === 'busy' ? BUSY_LOGIN_MESSAGE : INVALID_LOGIN_MESSAGE;
}
