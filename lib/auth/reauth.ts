import type { Member } from '../db/members';
import { AppError } from '../errors';
import { sessionAuthOf } from './session-auth';

/** A sensitive action needs the member to have proved who they are in this browser within this long. */
export const REAUTH_WINDOW_MS = 5 * 60_000;

export const REAUTH_MESSAGE =
  'Please confirm it is you: enter your password (or your authenticator code) again. Sensitive changes need a confirmation from the last 5 minutes.';

export class ReauthRequiredError extends AppError {
  constructor() {
    super('reauth_required', REAUTH_MESSAGE);
  }
}

/**
 * The one-line guard for sensitive actions (members, roles, limits, desk thresholds, freeze, dead-man's
 * switch, 2FA resets and policy, approving or rejecting orders): throws 403 `reauth_required` unless the
 * member re-authenticated (or signed in) in this browser within REAUTH_WINDOW_MS. `member` is the one the
 * route wrapper or runAction handed over (resolveMember attaches the session to it).
 *
 *   requireRecentAuth(member);
 */
export function requireRecentAuth(member: Member, nowMs: number = Date.now()): void {
  const auth = sessionAuthOf(member);
  if (!auth || !isRecent(auth.authAt, nowMs)) throw new ReauthRequiredError();
}

export function isRecent(authAt: string, nowMs: number): boolean {
  const at = Date.parse(authAt);
  return Number.isFinite(at) && nowMs - at < REAUTH_WINDOW_MS && at <= nowMs + 60_000;
}

export const ENROL_PATH = '/account/security';

/**
 * The desk requires a second factor for this member's role and they have none yet: everything but enrolment
 * (and signing out) answers 403 `second_factor_required`; pages redirect to ENROL_PATH instead.
 */
export function requireEnrolmentDone(member: Member): void {
  if (sessionAuthOf(member)?.mustEnrol) {
    throw new AppError('second_factor_required', `Your desk requires two-factor sign-in for your role. Set it up first at ${ENROL_PATH}.`);
  }
}
