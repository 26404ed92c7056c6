import type { AuditRepository } from '../db/audit';
import type { Member, MembersRepository } from '../db/members';
import { auditSafeText, type AuditWindow } from './audit-window';
import { getDummyPasswordHash, verifyPassword } from './password';
import type { LoginGate } from './throttle';
import { SlotsBusyError } from './work-slots';

export type LoginResult =
  | { ok: true; member: Member }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterMs: number }
  | { ok: false; reason: 'busy' };

export interface LoginAttempt {
  username: string;
  password: string;
  /** Client address for per-IP throttling ('unknown' when the server could not tell). */
  ip: string;
}

/**
 * Checks a username and password. Unknown usernames, disabled members and wrong passwords all
 * give the same `invalid` answer after the same amount of work (a dummy hash is verified for
 * unknown names), so neither the message nor the timing tells an attacker which usernames exist.
 * The throttle counts the attempt before any hashing; a throttled attempt is answered without it.
 */
export async function authenticate(
  deps: { members: MembersRepository; throttle: LoginGate },
  { username, password, ip }: LoginAttempt,
): Promise<LoginResult> {
  const ticket = await deps.throttle.begin(username, ip);
  if (!ticket.allowed) return { ok: false, reason: 'throttled', retryAfterMs: ticket.retryAfterMs };
  let outcome: 'success' | 'failure' | 'unchecked' = 'unchecked';
  try {
    const credentials = await deps.members.findCredentials(username);
    const matches = await verifyPassword(password, credentials?.passwordHash ?? (await getDummyPasswordHash()));
    if (!credentials || !matches || credentials.member.disabled) {
      outcome = 'failure';
      return { ok: false, reason: 'invalid' };
    }
    outcome = 'success';
    return { ok: true, member: credentials.member };
  } catch (error) {
    if (error instanceof SlotsBusyError) return { ok: false, reason: 'busy' };
    throw error;
  } finally {
    await deps.throttle.finish(ticket, outcome);
  }
}

/**
 * `authenticate` plus its audit trail: a sign-in writes a `login` row; failed and throttled attempts
 * are aggregated per account and IP (see AuditWindow) with the typed username bounded and sanitised.
 */
export async function signIn(
  deps: { members: MembersRepository; throttle: LoginGate; audit: AuditRepository; failures: AuditWindow },
  attempt: LoginAttempt,
  /** a member with a second factor is not signed in yet: the row says the password was right and a code is due */
  options: { codeDue?: (member: Member) => Promise<boolean> } = {},
): Promise<LoginResult & { codeDue?: boolean }> {
  const result = await authenticate(deps, attempt);
  const ip = auditSafeText(attempt.ip, 64);
  if (result.ok) {
    const codeDue = (await options.codeDue?.(result.member)) ?? false;
    await deps.audit.append({ actorId: result.member.id, actor: result.member.username, action: codeDue ? 'login.password_ok' : 'login', phase: 'event', detail: { ip }, outcome: 'ok' });
    return { ...result, codeDue };
  }
  const action = result.reason === 'throttled' ? 'login.throttled' : result.reason === 'busy' ? 'login.busy' : 'login.failed';
  const username = auditSafeText(attempt.username, 32);
  await deps.failures.note(`${action}\u0000${username}\u0000${ip}`, { action, actor: { id: null, username }, outcome: 'error', detail: { ip } });
  return result;
}

/** "Too many failed attempts. Try again in N seconds." (or minutes from two minutes up), rounded up. */
export function throttledMessage(retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  if (seconds < 120) return `Too many failed attempts. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`;
  return `Too many failed attempts. Try again in ${Math.ceil(seconds / 60)} minutes.`;
}

export const INVALID_LOGIN_MESSAGE = 'Incorrect username or password';
export const BUSY_LOGIN_MESSAGE = 'The desk is busy checking other sign-ins. Try again in a few seconds.';
