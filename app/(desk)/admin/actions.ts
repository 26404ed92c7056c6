'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { newPasswordSchema, usernameSchema } from '@/lib/auth/credentials';
import { endAllSessions } from '@/lib/auth/end-sessions';
import { hashPassword } from '@/lib/auth/password';
import { ROLES } from '@/lib/auth/roles';
import { deskServices } from '@/lib/desk-services';
import type { DeskDb } from '@/lib/db';
import { AppError, ERRORS } from '@/lib/errors';
import { action } from '@/lib/http/handler';
import { CLOSE_CODES } from '@/lib/protocol';
import { recordAuditEvent } from '@/lib/server/account';
import { deadManSchema, freezeSchema, limitsSchema, thresholdsSchema } from '@/lib/orders/desk-controls';
import { assertListedPairs } from '@/lib/orders/listed-pairs';
import { policySchema } from '@/lib/approvals/policy';

/**
 * Admin server actions. Each one goes through the one wrapper's `action` (lib/http/handler.ts): same-origin
 * Origin, the admin role (a refusal is audited), zod-validated input; then it writes an audit event and
 * answers `{ ok, message }` for a toast.
 */
export interface AdminResult {
  ok: boolean;
  message: string;
  /** the refusal's code; `reauth_required` makes the page ask for the password and try again */
  code?: string;
}

type Outcome = { ok: true; data: unknown } | { ok: false; error: { code?: string; message: string } };

function answer(result: Outcome, success: string): AdminResult {
  if (!result.ok) return { ok: false, message: result.error.message, code: result.error.code };
  revalidatePath('/admin');
  return { ok: true, message: success };
}

const memberId = z.number().int().positive();
const actorOf = (m: { id: number; username: string }) => ({ id: m.id, username: m.username });

async function targetOf(db: DeskDb, id: number, adminId: number, what: string) {
  const target = await db.members.findById(id);
  if (!target) throw new AppError('member_not_found');
  if (target.id === adminId) throw new AppError('self_change', `You cannot ${what} your own account; ask another admin.`);
  return target;
}

const roleSchema = z.enum(ROLES, { error: ERRORS.invalid_role.message });

const createMember = action({ role: 'admin', reauth: true, body: z.object({ username: usernameSchema, password: newPasswordSchema, role: roleSchema }) }, async ({ member: admin, body, services: { db } }) => {
  const member = await db.members.create({ username: body.username, passwordHash: await hashPassword(body.password), role: body.role });
  await recordAuditEvent(actorOf(admin), 'member.create', { role: member.role }, { subject: member.username });
  return member;
});

export async function createMemberAction(input: { username: string; password: string; role: string }): Promise<AdminResult> {
  const result = await createMember(input);
  return answer(result, `Member ${z.object({ username: z.string() }).safeParse(input).data?.username ?? ''} added.`);
}

const setRole = action({ role: 'admin', reauth: true, body: z.object({ id: memberId, role: roleSchema }) }, async ({ member: admin, body, services: { db } }) => {
  const target = await targetOf(db, body.id, admin.id, 'change the role of');
  const member = await db.members.setRole(target.id, body.role);
  deskServices().hub.memberChanged?.(target.id);
  await recordAuditEvent(actorOf(admin), 'member.role', { from: target.role, to: body.role }, { subject: target.username });
  return member;
});

export async function setRoleAction(input: { id: number; role: string }): Promise<AdminResult> {
  const result = await setRole(input);
  return answer(result, `Role changed to ${input.role}.`);
}

/** Disabling bumps the member's session version (every cookie dies) and closes their live sockets now. */
const setDisabled = action({ role: 'admin', reauth: true, body: z.object({ id: memberId, disabled: z.boolean() }) }, async ({ member: admin, body, services: { db } }) => {
  const target = await targetOf(db, body.id, admin.id, 'disable');
  const member = await db.members.setDisabled(target.id, body.disabled);
  if (body.disabled) deskServices().hub.disconnectMember(target.id, CLOSE_CODES.unauthorized, 'member disabled');
  await recordAuditEvent(actorOf(admin), body.disabled ? 'member.disable' : 'member.enable', {}, { subject: target.username });
  return member;
});

export async function setDisabledAction(input: { id: number; disabled: boolean }): Promise<AdminResult> {
  const result = await setDisabled(input);
  return answer(result, input.disabled ? 'Member disabled and signed out everywhere.' : 'Member enabled.');
}

const resetPassword = action({ role: 'admin', reauth: true, body: z.object({ id: memberId, password: newPasswordSchema }) }, async ({ member: admin, body, services: { db } }) => {
  const target = await db.members.findById(body.id);
  if (!target) throw new AppError('member_not_found');
  const member = await db.members.setPassword(target.id, await hashPassword(body.password));
  // a new password signs the member out everywhere, sockets included
  deskServices().hub.disconnectMember(target.id, CLOSE_CODES.unauthorized, 'password reset');
  await recordAuditEvent(actorOf(admin), 'member.password_reset', {}, { subject: target.username });
  return member;
});

export async function resetPasswordAction(input: { id: number; password: string }): Promise<AdminResult> {
  const result = await resetPassword(input);
  return answer(result, 'Password reset; the member has been signed out everywhere.');
}

export interface LimitsForm {
  maxOrderUsd: string | null;
  maxDayUsd: string | null;
  allowedPairs: string[] | null;
  allowedTypes: string[] | null;
}

/** Allowed pairs must be pairs the exchange lists (its cached AssetPairs), checked after the admin role. */
export async function setLimitsAction(id: number, limits: LimitsForm): Promise<AdminResult> {
  const setLimits = action({ role: 'admin', reauth: true, body: limitsSchema }, async ({ member: admin, body, services: { orders } }) => {
    if (!memberId.safeParse(id).success) throw new AppError('invalid_member_id');
    await assertListedPairs(orders.market, body.allowedPairs);
    return orders.setMemberLimits(admin, id, body);
  });
  return answer(await setLimits(limits), 'Limits saved.');
}

const freeze = action({ role: 'admin', reauth: true, body: freezeSchema }, ({ member, body, services }) => services.orders.freeze(member, body.frozen));

export async function freezeAction(frozen: boolean): Promise<AdminResult> {
  const result = await freeze({ frozen });
  if (result.ok && frozen) {
    const { cancelled } = result.data;
    return answer(result, `Desk frozen: new orders are refused${cancelled !== null ? ` and ${cancelled} open order${cancelled === 1 ? ' was' : 's were'} cancelled` : ''}.`);
  }
  return answer(result, 'Desk unfrozen: members can place orders again.');
}

const deadMan = action({ role: 'admin', reauth: true, body: deadManSchema }, ({ member, body, services }) => services.orders.deadManSwitch(member, body.enabled));

export async function deadManAction(enabled: boolean): Promise<AdminResult> {
  return answer(await deadMan({ enabled }), enabled ? "Dead-man's switch armed: open orders are cancelled within 60 s if the desk stops." : "Dead-man's switch off.");
}

const thresholds = action({ role: 'admin', reauth: true, body: thresholdsSchema }, ({ member, body, services }) => services.orders.thresholds(member, body));

export async function thresholdsFormAction(input: { confirmSlippageBps: string; confirmNotionalUsd: string }): Promise<AdminResult> {
  return answer(await thresholds(input), 'Confirmation thresholds saved.');
}

/** The four-eyes policy (threshold, per-member thresholds, who approves, request lifetime). Audited by the service. */
const approvalPolicy = action({ role: 'admin', reauth: true, body: policySchema }, ({ member, body, services }) => services.orders.approvals.setPolicy(member, body));

export async function approvalPolicyAction(input: unknown): Promise<AdminResult> {
  return answer(await approvalPolicy(input), 'Approval policy saved.');
}

/** Removes a member's second factor and recovery codes and ends their sessions (they lost their phone). */
const resetSecondFactor = action({ role: 'admin', reauth: true, body: z.object({ id: memberId }) }, async ({ member: admin, body, services: { db } }) => {
  const target = await targetOf(db, body.id, admin.id, 'reset the second factor of');
  if (!(await db.secondFactor.remove(target.id))) throw new AppError('not_enrolled', `${target.username} has no second factor to reset.`);
  await endAllSessions(db, target.id, 'second factor reset');
  deskServices().hub.disconnectMember(target.id, CLOSE_CODES.unauthorized, 'second factor reset');
  await recordAuditEvent(actorOf(admin), 'member.2fa_reset', {}, { subject: target.username });
});

export async function resetSecondFactorAction(input: { id: number }): Promise<AdminResult> {
  return answer(await resetSecondFactor(input), 'Second factor reset; the member has been signed out and signs in with their password next time.');
}

/** Ends every session of another member, in every browser, and closes their feed sockets. */
const endSessions = action({ role: 'admin', reauth: true, body: z.object({ id: memberId }) }, async ({ member: admin, body, services: { db } }) => {
  const target = await targetOf(db, body.id, admin.id, 'end the sessions of');
  const { ended } = await endAllSessions(db, target.id, `ended by ${admin.username}`);
  deskServices().hub.disconnectMember(target.id, CLOSE_CODES.unauthorized, 'sessions ended by an admin');
  await recordAuditEvent(actorOf(admin), 'member.sessions_ended', { sessions: ended }, { subject: target.username });
});

export async function endSessionsAction(input: { id: number }): Promise<AdminResult> {
  return answer(await endSessions(input), 'The member has been signed out everywhere.');
}

/** Which roles must enrol a second factor before using the desk. */
const secondFactorPolicy = action({ role: 'admin', reauth: true, body: z.object({ roles: z.array(roleSchema).max(3) }) }, async ({ member: admin, body, services: { db } }) => {
  const before = await db.secondFactor.requiredRoles();
  const after = await db.secondFactor.setRequiredRoles(body.roles);
  await recordAuditEvent(actorOf(admin), 'desk.2fa_policy', { from: before, to: after });
  return after;
});

export async function secondFactorPolicyAction(input: { roles: string[] }): Promise<AdminResult> {
  const roles = z.object({ roles: z.array(z.string()) }).safeParse(input).data?.roles ?? [];
  return answer(await secondFactorPolicy(input), roles.length === 0 ? 'Two-factor sign-in is now optional for every role.' : `Two-factor sign-in is now required for: ${roles.join(', ')}.`);
}
