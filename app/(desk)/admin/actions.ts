'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { newPasswordSchema, usernameSchema } from '@/lib/auth/credentials';
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
}

type Outcome = { ok: true; data: unknown } | { ok: false; error: { message: string } };

function answer(result: Outcome, success: string): AdminResult {
  if (!result.ok) return { ok: false, message: result.error.message };
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

const createMember = action({ role: 'admin', body: z.object({ username: usernameSchema, password: newPasswordSchema, role: roleSchema }) }, async ({ member: admin, body, services: { db } }) => {
  const member = await db.members.create({ username: body.username, passwordHash: await hashPassword(body.password), role: body.role });
  await recordAuditEvent(actorOf(admin), 'member.create', { role: member.role }, { subject: member.username });
  return member;
});

export async function createMemberAction(input: { username: string; password: string; role: string }): Promise<AdminResult> {
  const result = await createMember(input);
  return answer(result, `Member ${z.object({ username: z.string() }).safeParse(input).data?.username ?? ''} added.`);
}

const setRole = action({ role: 'admin', body: z.object({ id: memberId, role: roleSchema }) }, async ({ member: admin, body, services: { db } }) => {
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
const setDisabled = action({ role: 'admin', body: z.object({ id: memberId, disabled: z.boolean() }) }, async ({ member: admin, body, services: { db } }) => {
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

const resetPassword = action({ role: 'admin', body: z.object({ id: memberId, password: newPasswordSchema }) }, async ({ member: admin, body, services: { db } }) => {
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
  const setLimits = action({ role: 'admin', body: limitsSchema }, async ({ member: admin, body, services: { orders } }) => {
    if (!memberId.safeParse(id).success) throw new AppError('invalid_member_id');
    await assertListedPairs(orders.market, body.allowedPairs);
    return orders.setMemberLimits(admin, id, body);
  });
  return answer(await setLimits(limits), 'Limits saved.');
}

const freeze = action({ role: 'admin', body: freezeSchema }, ({ member, body, services }) => services.orders.freeze(member, body.frozen));

export async function freezeAction(frozen: boolean): Promise<AdminResult> {
  const result = await freeze({ frozen });
  if (result.ok && frozen) {
    const { cancelled } = result.data;
    return answer(result, `Desk frozen: new orders are refused${cancelled !== null ? ` and ${cancelled} open order${cancelled === 1 ? ' was' : 's were'} cancelled` : ''}.`);
  }
  return answer(result, 'Desk unfrozen: members can place orders again.');
}

const deadMan = action({ role: 'admin', body: deadManSchema }, ({ member, body, services }) => services.orders.deadManSwitch(member, body.enabled));

export async function deadManAction(enabled: boolean): Promise<AdminResult> {
  return answer(await deadMan({ enabled }), enabled ? "Dead-man's switch armed: open orders are cancelled within 60 s if the desk stops." : "Dead-man's switch off.");
}

const thresholds = action({ role: 'admin', body: thresholdsSchema }, ({ member, body, services }) => services.orders.thresholds(member, body));

export async function thresholdsFormAction(input: { confirmSlippageBps: string; confirmNotionalUsd: string }): Promise<AdminResult> {
  return answer(await thresholds(input), 'Confirmation thresholds saved.');
}

/** The four-eyes policy (threshold, per-member thresholds, who approves, request lifetime). Audited by the service. */
const approvalPolicy = action({ role: 'admin', body: policySchema }, ({ member, body, services }) => services.orders.approvals.setPolicy(member, body));

export async function approvalPolicyAction(input: unknown): Promise<AdminResult> {
  return answer(await approvalPolicy(input), 'Approval policy saved.');
}
