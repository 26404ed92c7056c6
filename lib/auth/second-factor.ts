import { auditEvent } from '../audit/events';
import type { DeskDb } from '../db/database';
import type { Member } from '../db/members';
import { AppError } from '../errors';
import { hashRecoveryCode, looksLikeRecoveryCode, newRecoveryCodes, type SecretBox } from './secret-box';
import { LoginThrottle, type LoginGate, type LoginThrottleOptions } from './throttle';
import { prefixedStore, SharedLoginThrottle, type ThrottleStore } from './shared-throttle';
import { throttledMessage } from './login';
import { base32Encode, matchTotp, newTotpSecret, otpauthUri } from './totp';

/**
 * Members' second factor: enrolment (a TOTP secret shown once as a QR code and text, confirmed by a code from
 * it, then ten recovery codes shown once), checking a code at sign-in or re-authentication (a TOTP code works
 * once, a recovery code works once), and removal. Wrong codes are slowed like wrong passwords, per member and
 * per address (the LoginThrottle the caller hands in, keyed apart from passwords).
 */
export interface SecondFactorDeps {
  db: Pick<DeskDb, 'secondFactor' | 'audit'>;
  box: SecretBox;
  /** the code throttle (codeThrottle below): one per process, or shared by every instance on PostgreSQL */
  throttle: LoginGate;
  /** milliseconds since the epoch */
  now?: () => number;
}

export interface Enrolment {
  /** base32, for typing into an app by hand */
  secret: string;
  uri: string;
}

/** Wrong codes: 3 free per member, then 5 s doubling up to 15 min (a 6-digit code is far easier to guess than a password). */
export const CODE_THROTTLE: Pick<LoginThrottleOptions, 'account'> = { account: { freeFailures: 3, baseDelayMs: 5_000, maxDelayMs: 15 * 60_000 } };

/**
 * The code throttle: with a store several desk instances share (PostgreSQL), guesses spread over instances are
 * counted together, as passwords are; its entries live apart from the password throttle's. One process: in memory.
 */
export function codeThrottle(shared: ThrottleStore | undefined, now?: () => number): LoginGate {
  const options = { ...CODE_THROTTLE, ...(now ? { now } : {}) };
  return shared ? new SharedLoginThrottle(prefixedStore(shared, '2fa-code:'), options) : new LoginThrottle(options);
}

const actor = (m: Pick<Member, 'id' | 'username'>) => ({ id: m.id, username: m.username });

/** Starts (or restarts) enrolment: a new secret, sealed and stored unconfirmed; 409 when already enrolled. */
export async function beginEnrolment(deps: SecondFactorDeps, member: Member): Promise<Enrolment> {
  const secret = newTotpSecret();
  await deps.db.secondFactor.begin(member.id, deps.box.seal(secret));
  return { secret: base32Encode(secret), uri: otpauthUri(secret, member.username) };
}

export const INVALID_CODE_MESSAGE = 'That code is not right. Type the 6-digit code your authenticator app shows now, or one of your recovery codes.';

/** Confirms enrolment with a code from the new secret; returns the ten recovery codes (shown once, stored hashed). */
export async function confirmEnrolment(deps: SecondFactorDeps, member: Member, code: string, ip: string): Promise<string[]> {
  const record = await deps.db.secondFactor.get(member.id);
  if (!record || record.confirmedAt) throw new AppError('no_enrolment');
  const step = await throttled(deps, member, ip, async () => matchTotp(deps.box.open(record.sealedSecret), code, now(deps)));
  const codes = newRecoveryCodes();
  if (!(await deps.db.secondFactor.confirm(member.id, step, codes.map(hashRecoveryCode)))) {
    throw new AppError('no_enrolment');
  }
  await auditEvent(deps.db.audit, actor(member), 'member.2fa_enrol', {}, { subject: member.username });
  return codes;
}

export type CodeCheck = { ok: true; kind: 'totp' | 'recovery' } | { ok: false; reason: 'invalid' } | { ok: false; reason: 'throttled'; retryAfterMs: number };

/** Checks a sign-in or re-authentication code: a TOTP code (once) or a recovery code (once). */
export async function checkCode(deps: SecondFactorDeps, member: Member, code: string, ip: string): Promise<CodeCheck> {
  try {
    const kind = await throttled(deps, member, ip, async () => {
      const record = await deps.db.secondFactor.get(member.id);
      if (!record?.confirmedAt) return null;
      if (looksLikeRecoveryCode(code)) {
        return (await deps.db.secondFactor.useRecoveryCode(member.id, hashRecoveryCode(code))) ? 'recovery' : null;
      }
      const step = matchTotp(openSecret(deps.box, record.sealedSecret), code, now(deps));
      return step !== null && (await deps.db.secondFactor.acceptStep(member.id, step)) ? 'totp' : null;
    });
    if (kind === 'recovery') {
      const left = await deps.db.secondFactor.remainingRecoveryCodes(member.id);
      await auditEvent(deps.db.audit, actor(member), 'member.2fa_recovery_code_used', { left }, { subject: member.username });
    }
    return { ok: true, kind };
  } catch (error) {
    if (error instanceof CodeThrottledError) return { ok: false, reason: 'throttled', retryAfterMs: error.retryAfterMs };
    if (error instanceof AppError && error.code === 'invalid_code') return { ok: false, reason: 'invalid' };
    throw error;
  }
}

/** New recovery codes (the old ones stop working); for an enrolled member who re-authenticated. */
export async function renewRecoveryCodes(deps: SecondFactorDeps, member: Member): Promise<string[]> {
  if (!(await deps.db.secondFactor.get(member.id))?.confirmedAt) throw new AppError('not_enrolled');
  const codes = newRecoveryCodes();
  await deps.db.secondFactor.replaceRecoveryCodes(member.id, codes.map(hashRecoveryCode));
  await auditEvent(deps.db.audit, actor(member), 'member.2fa_recovery_codes_renewed', {}, { subject: member.username });
  return codes;
}

/** A secret sealed under another SESSION_PASSWORD cannot be read: no TOTP code can match it (recovery codes still can). */
function openSecret(box: SecretBox, sealed: string): Buffer {
  try {
    return box.open(sealed);
  } catch {
    return Buffer.alloc(0);
  }
}

class CodeThrottledError extends AppError {
  constructor(readonly retryAfterMs: number) {
    super('code_throttled', throttledMessage(retryAfterMs).replace('failed attempts', 'wrong codes'));
  }
}

/** Runs one code check under the throttle: `check` gives a truthy result for a right code. */
async function throttled<T>(deps: SecondFactorDeps, member: Member, ip: string, check: () => Promise<T | null>): Promise<T> {
  const ticket = await deps.throttle.begin(`2fa:${member.id}`, ip);
  if (!ticket.allowed) throw new CodeThrottledError(ticket.retryAfterMs);
  let outcome: 'success' | 'failure' | 'unchecked' = 'unchecked';
  try {
    const result = await check();
    outcome = result === null ? 'failure' : 'success';
    if (result === null) throw new AppError('invalid_code', INVALID_CODE_MESSAGE);
    return result;
  } finally {
    await deps.throttle.finish(ticket, outcome);
  }
}

const now = (deps: SecondFactorDeps) => (deps.now ?? Date.now)();
