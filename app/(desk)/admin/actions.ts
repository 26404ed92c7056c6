'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { newPasswordSchema, usernameSchema } from '@/lib/auth/credentials';
import { endAllSessions } from '@/lib/auth/end-sessions';
import { hashPassword } from '@/lib/auth/password';
import { requireRecentAuth } from '@/lib/auth/reauth';
import { ROLES } from '@/lib/auth/roles';
import { deskServices } from '@/lib/desk-services';
import { AppError } from '@/lib/errors';
import { runAction } from '@/lib/orders/http';
import { CLOSE_CODES } from '@/lib/protocol';
import { recordAuditEvent } from '@/lib/server/account';
import { getDb } from '@/lib/server/db';
import { limitsSchema } from '@/lib/orders/desk-controls';
import { assertListedPairs } from '@/lib/orders/routes';
import { deadManSwitchAction, freezeDeskAction, orderService, setMemberLimitsAction, thresholdsAction } from '@/lib/server/orders';
import { actionGate } from '@/lib/server/with-member';

/**
 * Admin server actions. Each one goes through runAction (here or in lib/server/orders.ts): same-origin
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

async function targetOf(id: number, adminId: number, what: string) {
  const target = await getDb().members.findById(id);
  if (!target) throw new AppError('member_not_found', 404, 'No such member.');
  if (target.id === adminId) throw new AppError('self_change', 400, `You cannot ${what} your own account; ask another admin.`);
  return target;
}

export async function createMemberAction(input: { username: string; password: string; role: string }): Promise<AdminResult> {
  const schema = z.object({ username: usernameSchema, password: newPasswordSchema, role: z.enum(ROLES, { error: 'Role must be viewer, trader or admin.' }) });
  const result = await runAction(actionGate, 'admin', schema, input, async (admin, body) => {
    requireRecentAuth(admin);
    const member = await getDb().members.create({ username: body.username, passwordHash: await hashPassword(body.password), role: body.role });
    await recordAuditEvent(actorOf(admin), 'member.create', { role: member.role }, { subject: member.username });
    return member;
  });
  return answer(result, `Member ${z.object({ username: z.string() }).safeParse(input).data?.username ?? ''} added.`);
}

export async function setRoleAction(input: { id: number; role: string }): Promise<AdminResult> {
  const schema = z.object({ id: memberId, role: z.enum(ROLES, { error: 'Role must be viewer, trader or admin.' }) });
  const result = await runAction(actionGate, 'admin', schema, input, async (admin, body) => {
    requireRecentAuth(admin);
    const target = await targetOf(body.id, admin.id, 'change the role of');
    const member = await getDb().members.setRole(target.id, body.role);
    deskServices().hub.memberChanged?.(target.id);
    await recordAuditEvent(actorOf(admin), 'member.role', { from: target.role, to: body.role }, { subject: target.username });
    return member;
  });
  return answer(result, `Role changed to ${input.role}.`);
}

/** Disabling bumps the member's session version (every cookie dies) and closes their live sockets now. */
export async function setDisabledAction(input: { id: number; disabled: boolean }): Promise<AdminResult> {
  const schema = z.object({ id: memberId, disabled: z.boolean() });
  const result = await runAction(actionGate, 'admin', schema, input, async (admin, body) => {
    requireRecentAuth(admin);
    const target = await targetOf(body.id, admin.id, 'disable');
    const member = await getDb().members.setDisabled(target.id, body.disabled);
    if (body.disabled) deskServices().hub.disconnectMember(target.id, CLOSE_CODES.unauthorized, 'member disabled');
    await recordAuditEvent(actorOf(admin), body.disabled ? 'member.disable' : 'member.enable', {}, { subject: target.username });
    return member;
  });
  return answer(result, input.disabled ? 'Member disabled and signed out everywhere.' : 'Member enabled.');
}

export async function resetPasswordAction(input: { id: number; password: string }): Promise<AdminResult> {
  const schema = z.object({ id: memberId, password: newPasswordSchema });
  const result = await runAction(actionGate, 'admin', schema, input, async (admin, body) => {
    requireRecentAuth(admin);
    const target = await getDb().members.findById(body.id);
    if (!target) throw new AppError('member_not_found', 404, 'No such member.');
    const member = await getDb().members.setPassword(target.id, await hashPassword(body.password));
    // a new password signs the member out everywhere, sockets included
    deskServices().hub.disconnectMember(target.id, CLOSE_CODES.unauthorized, 'password reset');
    await recordAuditEvent(actorOf(admin), 'member.password_reset', {}, { subject: target.username });
    return member;
  });
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
  const listed = await runAction(actionGate, 'admin', limitsSchema, limits, (_admin, body) => assertListedPairs(orderService().market, body.allowedPairs));
  if (!listed.ok) return answer(listed, '');
  return answer(await setMemberLimitsAction(id, limits), 'Limits saved.');
}

export async function freezeAction(frozen: boolean): Promise<AdminResult> {
  const result = await freezeDeskAction({ frozen });
  if (result.ok && frozen) {
    const cancelled = (result.data as { cancelled: number | null }).cancelled;
    return answer(result, `Desk frozen: new orders are refused${cancelled !== null ? ` and ${cancelled} open order${cancelled === 1 ? ' was' : 's were'} cancelled` : ''}.`);
  }
  return answer(result, 'Desk unfrozen: members can place orders again.');
}

export async function deadManAction(enabled: boolean): Promise<AdminResult> {
  return answer(await deadManSwitchAction({ enabled }), enabled ? "Dead-man's switch armed: open orders are cancelled within 60 s if the desk stops." : "Dead-man's switch off.");
}

export async function thresholdsFormAction(input: { confirmSlippageBps: string; confirmNotionalUsd: string }): Promise<AdminResult> {
  return answer(await thresholdsAction(input), 'Confirmation thresholds saved.');
}

/** Removes a member's second factor and recovery codes and ends their sessions (they lost their phone). */
export async function resetSecondFactorAction(input: { id: number }): Promise<AdminResult> {
  const result = await runAction(actionGate, 'admin', z.object({ id: memberId }), input, async (admin, body) => {
    requireRecentAuth(admin);
    const target = await targetOf(body.id, admin.id, 'reset the second factor of');
    if (!(await getDb().secondFactor.remove(target.id))) throw new AppError('not_enrolled', 409, `${target.username} has no second factor to reset.`);
    await endAllSessions(getDb(), target.id, 'second factor reset');
    deskServices().hub.disconnectMember(target.id, CLOSE_CODES.unauthorized, 'second factor reset');
    await recordAuditEvent(actorOf(admin), 'member.2fa_reset', {}, { subject: target.username });
  });
  return answer(result, 'Second factor reset; the member has been signed out and signs in with their password next time.');
}

/** Ends every session of another member, in every browser, and closes their feed sockets. */
export async function endSessionsAction(input: { id: number }): Promise<AdminResult> {
  const result = await runAction(actionGate, 'admin', z.object({ id: memberId }), input, async (admin, body) => {
    requireRecentAuth(admin);
    const target = await targetOf(body.id, admin.id, 'end the sessions of');
    const { ended } = await endAllSessions(getDb(), target.id, `ended by ${admin.username}`);
    deskServices().hub.disconnectMember(target.id, CLOSE_CODES.unauthorized, 'sessions ended by an admin');
    await recordAuditEvent(actorOf(admin), 'member.sessions_ended', { sessions: ended }, { subject: target.username });
  });
  return answer(result, 'The member has been signed out everywhere.');
}

/** Which roles must enrol a second factor before using the desk. */
export async function secondFactorPolicyAction(input: { roles: string[] }): Promise<AdminResult> {
  const schema = z.object({ roles: z.array(z.enum(ROLES, { error: 'Roles must be viewer, trader or admin.' })).max(3) });
  const result = await runAction(actionGate, 'admin', schema, input, async (admin, body) => {
    requireRecentAuth(admin);
    const db = getDb();
    const before = await db.secondFactor.requiredRoles();
    const after = await db.secondFactor.setRequiredRoles(body.roles);
    await recordAuditEvent(actorOf(admin), 'desk.2fa_policy', { from: before, to: after });
    return after;
  });
  const roles = z.object({ roles: z.array(z.string()) }).safeParse(input).data?.roles ?? [];
  return answer(result, roles.length === 0 ? 'Two-factor sign-in is now optional for every role.' : `Two-factor sign-in is now required for: ${roles.join(', ')}.`);
}
