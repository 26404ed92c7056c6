import 'server-only';
import { z } from 'zod';
import { auditEvent, type Actor } from '@/lib/audit/events';
import { verifyAuditChain, type AuditChainReport } from '@/lib/audit/verify';
import { runAction, type ActionResult } from '@/lib/orders/http';
import type { BalancesView } from '@/lib/orders/reads';
import type { AuditPage } from '@/lib/db';
import { getDb } from './db';
import { orderService } from './orders';
import { actionGate } from './with-member';

/** Balances + holds + USD values for any signed-in member (cached ~3 s, shared by every member). */
export function balancesAction(): Promise<ActionResult<BalancesView>> {
  return runAction(actionGate, 'viewer', z.undefined(), undefined, () => orderService().balances());
}

/** Admin: one page of the audit log, newest first. */
export function auditPageAction(input: { limit?: number; beforeSeq?: number } = {}): Promise<ActionResult<AuditPage>> {
  const schema = z.object({ limit: z.number().int().min(1).max(1000).optional(), beforeSeq: z.number().int().positive().optional() });
  return runAction(actionGate, 'admin', schema, input, (_member, q) => getDb().audit.page(q));
}

/** Admin: recomputes the audit hash chain. */
export function verifyAuditAction(): Promise<ActionResult<AuditChainReport>> {
  return runAction(actionGate, 'admin', z.undefined(), undefined, () => verifyAuditChain(getDb()));
}

/**
 * Records a non-order event in the audit log: `login`, `login.failed`, `logout`, `member.create`, `member.role`,
 * `member.disable`, `member.enable`, `member.password_reset`… Detail must never hold a password or key.
 */
export function recordAuditEvent(actor: Actor, action: string, detail: unknown = {}, options: { subject?: string; outcome?: 'ok' | 'error' } = {}) {
  return auditEvent(getDb().audit, actor, action, detail, options);
}
