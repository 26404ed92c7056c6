import { auditEvent, SYSTEM_ACTOR } from '../audit/events';
import type { ApprovalRecord, ApprovalStatus } from '../db/approvals';
import type { DeskDb } from '../db/database';

/**
 * Approved requests whose outcome was never recorded: the desk process carrying one out stopped between moving
 * it to `approved` and settling it, which would leave it `approved` for ever (it never expires and is never tried
 * again). Long after any placement could still be running (an AddOrder gives up after 15 s), the request is
 * settled from what the desk recorded of its order, audited as `approval.settle` by the system, once over every
 * instance (the same conditional transition as a decision).
 */
export const STRANDED_AFTER_MS = 10 * 60_000;

type Verdict = { status: ApprovalStatus; reason: string | null; result: unknown };

export async function settleStrandedApprovals(db: Pick<DeskDb, 'approvals' | 'audit' | 'deskOrders'>, now: () => Date): Promise<number> {
  const cutoff = now().getTime() - STRANDED_AFTER_MS;
  const stranded = (await db.approvals.list({ status: 'approved', limit: 100 })).filter((r) => r.decidedAt !== null && Date.parse(r.decidedAt) < cutoff);
  let settled = 0;
  for (const record of stranded) {
    const verdict = await verdictOf(db, record);
    if (!verdict) continue;
    const moved = await db.approvals.transition(record.id, {
      from: 'approved', to: verdict.status, approverId: record.approverId, reason: verdict.reason, result: verdict.result, decidedAt: record.decidedAt,
    });
    if (!moved) continue;
    settled++;
    await auditEvent(db.audit, SYSTEM_ACTOR, 'approval.settle', {
      approvalId: record.id, kind: record.kind, idempotencyKey: record.idempotencyKey, requester: record.requester, approver: record.approver, result: verdict.status, reason: verdict.reason,
    }, { subject: record.symbol });
  }
  return settled;
}

/** What became of the approved request; null while its order's own outcome is still being reconciled. */
async function verdictOf(db: Pick<DeskDb, 'deskOrders'>, record: ApprovalRecord): Promise<Verdict | null> {
  if (record.kind === 'amend') {
    return { status: 'failed', reason: 'The desk stopped while carrying out this approved amend, so its outcome was not recorded: check the order in open orders, and ask again if it still needs the change.', result: null };
  }
  const order = await db.deskOrders.findByKey(record.idempotencyKey);
  // No claim: the placement never got as far as Kraken (a key proved not placed is released the same way).
  if (!order) return { status: 'failed', reason: 'The desk stopped before placing this approved order: nothing was sent to Kraken. Ask for approval again.', result: null };
  // The audit reconciliation settles an order whose answer was lost; this request follows it on a later sweep.
  if (!order.response || order.state === 'pending' || order.state === 'unknown') return null;
  if (order.state === 'placed') return { status: 'placed', reason: null, result: order.response.body };
  return { status: 'failed', reason: 'The desk stopped while placing this approved order, and Kraken refused it.', result: order.response.body };
}
