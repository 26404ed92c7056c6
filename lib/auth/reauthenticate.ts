import { auditEvent } from '../audit/events';
import type { DeskDb } from '../db/database';
import type { Member } from '../db/members';
import { AppError } from '../errors';
import { authenticate, BUSY_LOGIN_MESSAGE, throttledMessage } from './login';
import { checkCode, INVALID_CODE_MESSAGE, type SecondFactorDeps } from './second-factor';
import { sessionAuthOf } from './session-auth';
import type { LoginGate } from './throttle';

export interface ReauthInput {
  password?: string;
  code?: string;
}

export interface ReauthDeps {
  db: Pick<DeskDb, 'members' | 'sessions' | 'audit'>;
  /** the sign-in throttle: a password typed here counts like one typed on the login page */
  loginThrottle: LoginGate;
  secondFactor: SecondFactorDeps;
}

/**
 * "Confirm it's you": the member types their password, or (when enrolled) a code from their authenticator or a
 * recovery code, and this browser's session counts as freshly authenticated for REAUTH_WINDOW_MS. Wrong answers
 * are slowed by the same throttles as sign-in, so this is no side door for guessing.
 */
export async function reauthenticate(deps: ReauthDeps, member: Member, input: ReauthInput, ip: string): Promise<{ method: 'password' | 'totp' | 'recovery' }> {
  const auth = sessionAuthOf(member);
  if (!auth) throw new AppError('unauthenticated');
  let method: 'password' | 'totp' | 'recovery';
  if (input.code !== undefined && input.code.trim() !== '') {
    if (!auth.enrolled) throw new AppError('not_enrolled', { message: 'You have no authenticator set up: confirm with your password.', status: 400 });
    const check = await checkCode(deps.secondFactor, member, input.code, ip);
    if (!check.ok && check.reason === 'throttled') throw new AppError('code_throttled', throttledMessage(check.retryAfterMs).replace('failed attempts', 'wrong codes'));
    if (!check.ok) throw new AppError('reauth_failed', INVALID_CODE_MESSAGE);
    method = check.kind;
  } else if (input.password) {
    const result = await authenticate({ members: deps.db.members, throttle: deps.loginThrottle }, { username: member.username, password: input.password, ip });
    if (!result.ok && result.reason === 'throttled') throw new AppError('login_throttled', throttledMessage(result.retryAfterMs));
    if (!result.ok && result.reason === 'busy') throw new AppError('busy', BUSY_LOGIN_MESSAGE);
    if (!result.ok || result.member.id !== member.id) throw new AppError('reauth_failed', 'That password is not right.');
    method = 'password';
  } else {
    throw new AppError('invalid_request', auth.enrolled ? 'Enter your password or your authenticator code.' : 'Enter your password.');
  }
  await deps.db.sessions.reauthenticated(auth.sessionId);
  await auditEvent(deps.db.audit, { id: member.id, username: member.username }, 'member.reauth', { method }, { subject: member.username });
  return { method };
}
