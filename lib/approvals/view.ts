import type { ApprovalRecord, ApprovalStatus } from '../db/approvals';

/** An approval request as the API shows it (decimal text, ISO times). */
export interface ApprovalView {
  id: number;
  kind: 'place' | 'amend';
  status: ApprovalStatus;
  symbol: string;
  requester: { id: number; username: string };
  /** who approved or rejected it */
  approver: { id: number; username: string } | null;
  notionalUsd: string;
  thresholdUsd: string;
  /** place: the ticket; amend: `{ orderId, amend }` */
  ticket: unknown;
  /** the preview when the request was made */
  preview: unknown;
  reason: string | null;
  /** placed: `{ order }`; amended: `{ amendId, txid }`; failed: `{ error }` */
  result: unknown;
  createdAt: string;
  expiresAt: string;
  decidedAt: string | null;
  /** whether the member asking may approve or reject it now */
  canDecide?: boolean;
}

export function toApprovalView(record: ApprovalRecord, canDecide?: boolean): ApprovalView {
  return {
    id: record.id, kind: record.kind, status: record.status, symbol: record.symbol,
    requester: { id: record.requesterId, username: record.requester },
    approver: record.approverId === null ? null : { id: record.approverId, username: record.approver ?? `member ${record.approverId}` },
    notionalUsd: record.notionalUsd, thresholdUsd: record.thresholdUsd, ticket: record.ticket, preview: record.preview,
    reason: record.reason, result: record.result, createdAt: record.createdAt, expiresAt: record.expiresAt, decidedAt: record.decidedAt,
    ...(canDecide === undefined ? {} : { canDecide }),
  };
}

/** Why a request can no longer be decided, in words, by its status. */
export function closedMessage(record: Pick<ApprovalRecord, 'status' | 'approver' | 'reason'>): string {
  switch (record.status) {
    case 'approved': return 'This request is being approved by another member right now.';
    case 'placed': return `This request was already approved${record.approver ? ` by ${record.approver}` : ''} and placed.`;
    case 'rejected': return `This request was rejected${record.approver ? ` by ${record.approver}` : ''}${record.reason ? `: ${record.reason}` : '.'}`;
    case 'expired': return 'This request expired before anyone decided it. Send a new ticket.';
    case 'failed': return `This request was approved but could not be placed${record.reason ? `: ${record.reason}` : '.'}`;
    default: return 'This request is still pending.';
  }
}
