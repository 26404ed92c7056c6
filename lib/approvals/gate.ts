import { AppError } from '../errors';
import { auditEvent } from '../audit/events';
import type { ApprovalRecord, NewApproval } from '../db/approvals';
import type { DeskDb } from '../db/database';
import type { DeskSettings } from '../db/desk-settings';
import type { Member } from '../db/members';
import { approvalPolicy, approvalThreshold } from './policy';
import { closedMessage, toApprovalView, type ApprovalView } from './view';

/** What the order path (lib/orders/place.ts, amend.ts) asks of four eyes. */
export interface ApprovalGate {
  /** The USD threshold this order crosses for this member under the policy in force, or null when none. */
  threshold(member: Member, notionalUsd: string | undefined, settings: DeskSettings): string | null;
  /** Files a pending request (audited) — or, for a repeat of the same key, returns the request already filed. */
  request(member: Member, input: NewRequest): Promise<ApprovalView>;
  /** The request already filed under this ticket key, as the answer to a repeat (null when there is none). */
  existing(member: Member, idempotencyKey: string, requestHash: string): Promise<ApprovalView | null>;
}

/** What the order path files: the request as stored, less who asks (the member) and when it ends (the policy). */
export type NewRequest = Omit<NewApproval, 'requesterId' | 'expiresAt'>;

/** Who approved an order the desk now places or amends on the requester's behalf. */
export interface Approved {
  approver: Member;
  approvalId: number;
}

export interface GateDeps {
  db: DeskDb;
  now: () => Date;
  /** DESK_APPROVAL_ABOVE_USD: the threshold until an admin sets the policy */
  initialAboveUsd: string | null;
}

export function createApprovalGate(deps: GateDeps): ApprovalGate {
  /** A repeat of a filed ticket: same member and same ticket get the request; anything else is refused like a reused key. */
  const answer = (record: ApprovalRecord, member: Member, requestHash: string): ApprovalView => {
    if (record.requesterId !== member.id) throw new AppError('idempotency_key_conflict');
    if (record.requestHash !== requestHash) throw new AppError('idempotency_key_reused');
    if (record.status === 'rejected' || record.status === 'expired' || record.status === 'failed') {
      throw new AppError(`approval_${record.status}`, closedMessage(record));
    }
    return toApprovalView(record);
  };
  return {
    threshold(member, notionalUsd, settings) {
      return approvalThreshold(approvalPolicy(settings, deps.initialAboveUsd), member.id, notionalUsd);
    },
    async existing(member, key, hash) {
      const record = await deps.db.approvals.findByKey(key);
      return record ? answer(record, member, hash) : null;
    },
    async request(member, input) {
      const settings = await deps.db.deskSettings.get();
      const lifetimeMs = approvalPolicy(settings, deps.initialAboveUsd).lifetimeMinutes * 60_000;
      const { created, record } = await deps.db.approvals.create({
        ...input, requesterId: member.id, expiresAt: new Date(deps.now().getTime() + lifetimeMs).toISOString(),
      });
      if (!created) return answer(record, member, input.requestHash);
      await auditEvent(deps.db.audit, { id: member.id, username: member.username }, 'approval.request', {
        approvalId: record.id, kind: record.kind, idempotencyKey: record.idempotencyKey, notionalUsd: record.notionalUsd,
        thresholdUsd: record.thresholdUsd, expiresAt: record.expiresAt, ticket: record.ticket,
      }, { subject: record.symbol });
      return toApprovalView(record);
    },
  };
}
