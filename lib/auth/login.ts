import type { Member, MembersRepository } from '../db/members';
import { getDummyPasswordHash, verifyPassword } from './password';
import type { LoginThrottle } from './throttle';

export type LoginResult =
  | { ok: true; member: Member }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterMs: number };

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
 */
export async function authenticate(
  deps: { members: MembersRepository; throttle: LoginThrottle },
  { username, password, ip }: LoginAttempt,
): Promise<LoginResult> {
  const verdict = deps.throttle.check(username, ip);
  if (!verdict.allowed) return { ok: false, reason: 'throttled', retryAfterMs: verdict.retryAfterMs };

  const credentials = await deps.members.findCredentials(username);
  const matches = await verifyPassword(password, credentials?.passwordHash ?? (await getDummyPasswordHash()));
  if (!credentials || !matches || credentials.member.disabled) {
    deps.throttle.recordFailure(username, ip);
    return { ok: false, reason: 'invalid' };
  }
  deps.throttle.recordSuccess(username);
  return { ok: true, member: credentials.member };
}

/** "Too many failed attempts. Try again in N minutes." with N rounded up, at least 1. */
export function throttledMessage(retryAfterMs: number): string {
  const minutes = Math.max(1, Math.ceil(retryAfterMs / 60_000));
  return `Too many failed attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
}

export const INVALID_LOGIN_MESSAGE = 'Incorrect username or password';
