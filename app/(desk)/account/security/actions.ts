'use server';

import QRCode from 'qrcode';
import { z } from 'zod';
import { beginEnrolment, confirmEnrolment, renewRecoveryCodes } from '@/lib/auth/second-factor';
import { sessionAuthOf } from '@/lib/auth/session-auth';
import { auditEvent } from '@/lib/audit/events';
import { AppError } from '@/lib/errors';
import { action } from '@/lib/http/handler';
import { reauthenticateHere, requestIp } from '@/lib/server/account-security';
import { getDb } from '@/lib/server/db';
import { secondFactorDeps } from '@/lib/server/second-factor';

/**
 * The member's own security actions: re-authenticate, enrol an authenticator (QR code, then a code from it,
 * then recovery codes shown once), renew recovery codes, turn the second factor off. Changing the second
 * factor needs a confirmation from the last 5 minutes, like every sensitive action.
 */

const reauthSchema = z.object({ password: z.string().max(1024).optional(), code: z.string().max(40).optional() });

// Open before enrolment: a member who must enrol confirms who they are and enrols through these actions.
const own = { role: 'viewer', beforeEnrolment: true } as const;

const reauth = action({ ...own, body: reauthSchema }, async ({ member, body }) => {
  await reauthenticateHere(member, body);
  return null;
});

export async function reauthAction(input: { password?: string; code?: string }) {
  return reauth(input);
}

export interface EnrolmentView {
  secret: string;
  uri: string;
  /** the otpauth URI as an SVG QR code, as a data: URL */
  qr: string;
}

const startEnrolment = action({ ...own, reauth: true }, async ({ member }): Promise<EnrolmentView> => {
  const enrolment = await beginEnrolment(secondFactorDeps(), member);
    const svg = await QRCode.toString(enrolment.uri, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  return { ...enrolment, qr: `data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}` };
});

export async function startEnrolmentAction() {
  return startEnrolment(undefined);
}

const codeSchema = z.object({ code: z.string().trim().regex(/^\d{6}$/, 'Type the 6-digit code your authenticator app shows.') });

/** Confirms enrolment; answers the ten recovery codes, shown this once. */
const confirm = action({ ...own, body: codeSchema }, async ({ member, body }) => {
    const codes = await confirmEnrolment(secondFactorDeps(), member, body.code, await requestIp());
    // a code from the authenticator was just proven: that counts as a fresh confirmation
    const auth = sessionAuthOf(member);
    if (auth) await getDb().sessions.reauthenticated(auth.sessionId);
    return { recoveryCodes: codes };
});

export async function confirmEnrolmentAction(input: { code: string }) {
  return confirm(input);
}

const renew = action({ ...own, reauth: true }, async ({ member }) => ({ recoveryCodes: await renewRecoveryCodes(secondFactorDeps(), member) }));

export async function renewRecoveryCodesAction() {
  return renew(undefined);
}

/** Turns the second factor off, unless the desk requires it for the member's role. */
const disable = action({ ...own, reauth: true }, async ({ member }) => {
    const db = getDb();
    if ((await db.secondFactor.requiredRoles()).includes(member.role)) {
      throw new AppError('second_factor_required', { message: `Your desk requires two-factor sign-in for ${member.role}s, so it cannot be turned off. If you lost your device, ask an admin to reset it.`, status: 409 });
    }
    if (!(await db.secondFactor.remove(member.id))) throw new AppError('not_enrolled');
    await auditEvent(db.audit, { id: member.id, username: member.username }, 'member.2fa_disable', {}, { subject: member.username });
    return null;
});

export async function disableSecondFactorAction() {
  return disable(undefined);
}
