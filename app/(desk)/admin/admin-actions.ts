import { z } from 'zod';
import { auditEvent } from '@/lib/audit/events';
import { newPasswordSchema, usernameSchema } from '@/lib/auth/credentials';
import { endAllSessions } from '@/lib/auth/end-sessions';
import { hashPassword } from '@/lib/auth/password';
import { ROLES } from '@/lib/auth/roles';
import { deskServices } from '@/lib/desk-services';
import type { DeskDb } from '@/lib/db';
import { AppError, ERRORS } from '@/lib/errors';
import { action } from '@/lib/http/handler';
import { CLOSE_CODES } from '@/lib/protocol';
import { deadManSchema, freezeSchema, limitsSchema, thresholdsSchema } from '@/lib/orders/desk-controls';
import { assertListedPairs } from '@/lib/orders/listed-pairs';
import { policySchema } from '@/lib/approvals/policy';

/**
 * The admin's server actions as the one wrapper runs them (lib/http/handler.ts `action`): same-origin Origin, the
 * admin role, a re-authentication from the last 5 minutes (every one changes members, limits or the desk), then
 * zod-validated input; each writes its audit row. The 'use server' file (actions.ts) only calls these and words the
 * toast; kept apart from it so tests run each action, refusals included, with their own environment (`.run`).
 */

const memberId = z.number().int().positive();
const actorOf = (m: { id: number; username: string }) => ({ id: m.id, username: m.username });

async function targetOf(db: DeskDb, id: number, adminId: number, what: string) {
  const target = await db.members.findById(id);
  if (!target) throw new AppError('member_not_found');
  if (target.id === adminId) throw new AppError('self_change', `You cannot ${what} your own account; ask another admin.`);
  return target;
}

const roleSchema = z.enum(ROLES, { error: ERRORS.invalid_role.message });

export const createMember = action({ role: 'admin', reauth: true, body: z.object({ username: usernameSchema, password: newPasswordSchema, role: roleSchema }) }, async ({ member: admin, body, services: { db } }) => {
  const member = await db.members.create({ username: body.username, passwordHash: await hashPassword(body.password), role: body.role });
  await auditEvent(db.audit, actorOf(admin), 'member.create', { role: member.role }, { subject: member.username });
  return member;
});

export const setRole = action({ role: 'admin', reauth: true, body: z.object({ id: memberId, role: roleSchema }) }, async ({ member: admin, body, services: { db } }) => {
  const target = await targetOf(db, body.id, admin.id, 'change the role of');
  const member = await db.members.setRole(target.id, body.role);
  deskServices().hub.memberChanged?.(target.id);
  await auditEvent(db.audit, actorOf(admin), 'member.role', { from: target.role, to: body.role }, { subject: target.username });
  return member;
});

/** Disabling bumps the member's session version (every cookie dies) and closes their live sockets now. */
export const setDisabled = action({ role: 'admin', reauth: true, body: z.object({ id: memberId, disabled: z.boolean() }) }, async ({ member: admin, body, services: { db } }) => {
  const target = await targetOf(db, body.id, admin.id, 'disable');
  const member = await db.members.setDisabled(target.id, body.disabled);
  if (body.disabled) deskServices().hub.disconnectMember(target.id, CLOSE_CODES.unauthorized, 'member disabled');
  await auditEvent(db.audit, actorOf(admin), body.disabled ? 'member.disable' : 'member.enable', {}, { subject: target.username });
  return member;
});

export const resetPassword = action({ role: 'admin', reauth: true, body: z.object({ id: memberId, password: newPasswordSchema }) }, async ({ member: admin, body, services: { db } }) => {
  const target = await db.members.findById(body.id);
  if (!target) throw new AppError('member_not_found');
  const member = await db.members.setPassword(target.id, await hashPassword(body.password));
  // a new password signs the member out everywhere, sockets included
  deskServices().hub.disconnectMember(target.id, CLOSE_CODES.unauthorized, 'password reset');
  await auditEvent(db.audit, actorOf(admin), 'member.password_reset', {}, { subject: target.username });
  return member;
});

/** A member's limits; allowed pairs must be pairs the exchange lists (its cached AssetPairs), checked after the admin role. */
export const setLimitsOf = (id: number) => action({ role: 'admin', reauth: true, body: limitsSchema }, async ({ member: admin, body, services: { orders } }) => {
  if (!memberId.safeParse(id).success) throw new AppError('invalid_member_id');
  await assertListedPairs(orders.market, body.allowedPairs);
  return orders.setMemberLimits(admin, id, body);
});

export const freeze = action({ role: 'admin', reauth: true, body: freezeSchema }, ({ member, body, services }) => services.orders.freeze(member, body.frozen));

export const deadMan = action({ role: 'admin', reauth: true, body: deadManSchema }, ({ member, body, services }) => services.orders.deadManSwitch(member, body.enabled));

export const thresholds = action({ role: 'admin', reauth: true, body: thresholdsSchema }, ({ member, body, services }) => services.orders.thresholds(member, body));

/** The four-eyes policy (threshold, per-member thresholds, who approves, request lifetime). Audited by the service. */
export const approvalPolicy = action({ role: 'admin', reauth: true, body: policySchema }, ({ member, body, services }) => services.orders.approvals.setPolicy(member, body));

/** Removes a member's second factor and recovery codes and ends their sessions (they lost their phone). */
export const resetSecondFactor = action({ role: 'admin', reauth: true, body: z.object({ id: memberId }) }, async ({ member: admin, body, services: { db } }) => {
  const target = await targetOf(db, body.id, admin.id, 'reset the second factor of');
  if (!(await db.secondFactor.remove(target.id))) throw new AppError('not_enrolled', `${target.username} has no second factor to reset.`);
  await endAllSessions(db, target.id, 'second factor reset');
  deskServices().hub.disconnectMember(target.id, CLOSE_CODES.unauthorized, 'second factor reset');
  await auditEvent(db.audit, actorOf(admin), 'member.2fa_reset', {}, { subject: target.username });
});

/** Ends every session of another member, in every browser, and closes their feed sockets (/ws and SSE). */
export const endSessions = action({ role: 'admin', reauth: true, body: z.object({ id: memberId }) }, async ({ member: admin, body, services: { db } }) => {
  const target = await targetOf(db, body.id, admin.id, 'end the sessions of');
  const { ended } = await endAllSessions(db, target.id, `ended by ${admin.username}`);
  deskServices().hub.disconnectMember(target.id, CLOSE_CODES.unauthorized, 'sessions ended by an admin');
  await auditEvent(db.audit, actorOf(admin), 'member.sessions_ended', { sessions: ended }, { subject: target.username });
});

/** Which roles must enrol a second factor before using the desk. */
export const secondFactorPolicy = action({ role: 'admin', reauth: true, body: z.object({ roles: z.array(roleSchema).max(3) }) }, async ({ member: admin, body, services: { db } }) => {
  const before = await db.secondFactor.requiredRoles();
  const after = await db.secondFactor.setRequiredRoles(body.roles);
  await auditEvent(db.audit, actorOf(admin), 'desk.2fa_policy', { from: before, to: after });
  return after;
});
