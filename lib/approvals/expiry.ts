import { auditEvent, SYSTEM_ACTOR } from '../audit/events';
import type { DeskDb } from '../db/database';
import { settleStrandedApprovals } from './stranded';

/**
 * Expiring four-eyes requests. A request past its time is marked `expired` and audited as `approval.expire` by the
 * system, exactly once whichever instance gets there first (one conditional UPDATE … RETURNING per store). This runs
 * before every read and decision (lib/approvals/service.ts) and, so the audit log records an expiry even when nobody
 * looks at the request again, on a timer beside the desk (server/services-builder.ts starts it).
 */
export async function expireDueRequests(db: Pick<DeskDb, 'approvals' | 'audit'>, now: () => Date): Promise<number> {
  const expired = await db.approvals.expireDue(now().toISOString());
  for (const r of expired) {
    await auditEvent(db.audit, SYSTEM_ACTOR, 'approval.expire', {
      approvalId: r.id, kind: r.kind, idempotencyKey: r.idempotencyKey, requester: r.requester, notionalUsd: r.notionalUsd, expiresAt: r.expiresAt,
    }, { subject: r.symbol });
  }
  return expired.length;
}

/** How often the background sweep runs: an expiry is recorded within this long of the request's time running out. */
export const EXPIRY_SWEEP_MS = 15_000;

export interface ApprovalExpiryLoop {
  /** one sweep now (also what the timer runs): expires due requests and settles stranded ones (stranded.ts); resolves to how many it expired */
  sweep(): Promise<number>;
  stop(): void;
}

export function startApprovalExpiry(deps: {
  db: Pick<DeskDb, 'approvals' | 'audit' | 'deskOrders'>;
  now?: () => Date;
  everyMs?: number;
  log?: (line: string) => void;
}): ApprovalExpiryLoop {
  const now = deps.now ?? (() => new Date());
  let running: Promise<number> | undefined;
  // one sweep at a time: a slow database must not pile them up
  const sweepOnce = async () => {
    const expired = await expireDueRequests(deps.db, now);
    await settleStrandedApprovals(deps.db, now);
    return expired;
  };
  const sweep = () => (running ??= sweepOnce().finally(() => (running = undefined)));
  const timer = setInterval(() => {
    sweep().catch((error: unknown) => deps.log?.(`approvals: expiring due requests failed: ${error instanceof Error ? error.message : String(error)}`));
  }, deps.everyMs ?? EXPIRY_SWEEP_MS);
  timer.unref();
  return { sweep, stop: () => clearInterval(timer) };
}
