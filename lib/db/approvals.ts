import type Database from 'better-sqlite3';

/**
 * Four-eyes approval requests (lib/approvals): an order or amend above the desk's approval threshold waits here
 * until a second member approves or rejects it, or it expires. Every change of state is one conditional UPDATE
 * (`WHERE status = <from>`), so two approvers, or two desk instances, can never both move the same request.
 */
export type ApprovalStatus = 'pending' | 'approved' | 'placed' | 'rejected' | 'expired' | 'failed';
export const APPROVAL_STATUSES: readonly ApprovalStatus[] = ['pending', 'approved', 'placed', 'rejected', 'expired', 'failed'];
export type ApprovalKind = 'place' | 'amend';

export interface ApprovalRecord {
  id: number;
  /** the ticket's idempotency key (place), or a key of the amend request; the order is placed with it */
  idempotencyKey: string;
  kind: ApprovalKind;
  requesterId: number;
  requester: string;
  /** SHA-256 of the ticket, to spot one key reused for a different ticket */
  requestHash: string;
  symbol: string;
  /** place: the ticket as sent; amend: `{ orderId, amend }` */
  ticket: unknown;
  notionalUsd: string;
  /** the threshold that applied when the request was made */
  thresholdUsd: string;
  /** the preview when the request was made ("then") */
  preview: unknown;
  status: ApprovalStatus;
  /** who approved or rejected it */
  approverId: number | null;
  approver: string | null;
  /** a rejection's reason, or why an approved request failed */
  reason: string | null;
  /** what the approval did: the placed order, or the refusal */
  result: unknown;
  createdAt: string;
  expiresAt: string;
  decidedAt: string | null;
  updatedAt: string;
}

export type NewApproval = Pick<ApprovalRecord, 'idempotencyKey' | 'kind' | 'requesterId' | 'requestHash' | 'symbol' | 'ticket' | 'notionalUsd' | 'thresholdUsd' | 'preview' | 'expiresAt'>;

/** A state change: only applies while the request is in `from` (and, with `before`, not yet expired at that time). */
export interface ApprovalTransition {
  from: ApprovalStatus;
  to: ApprovalStatus;
  approverId: number | null;
  reason?: string | null;
  result?: unknown;
  decidedAt: string | null;
  /** ISO time: the change applies only if the request expires after it */
  before?: string;
}

export interface ApprovalsRepository {
  /** Inserts a pending request unless its key exists; `created: false` returns the existing one. */
  create(request: NewApproval): Promise<{ created: boolean; record: ApprovalRecord }>;
  get(id: number): Promise<ApprovalRecord | null>;
  findByKey(idempotencyKey: string): Promise<ApprovalRecord | null>;
  /** Newest first; `status` filters. */
  list(filter: { status?: ApprovalStatus; limit: number }): Promise<ApprovalRecord[]>;
  /** The atomic state change; null when the request was not in `from` (someone else moved it first) or had expired. */
  transition(id: number, change: ApprovalTransition): Promise<ApprovalRecord | null>;
  /** Marks every pending request whose time ran out at `at` as expired and returns them (each exactly once). */
  expireDue(at: string): Promise<ApprovalRecord[]>;
}

export interface ApprovalRow {
  id: number;
  idempotency_key: string;
  kind: ApprovalKind;
  requester_id: number;
  requester: string | null;
  request_hash: string;
  symbol: string;
  ticket: string;
  notional_usd: string;
  threshold_usd: string;
  preview: string;
  status: ApprovalStatus;
  approver_id: number | null;
  approver: string | null;
  reason: string | null;
  result: string | null;
  created_at: string;
  expires_at: string;
  decided_at: string | null;
  updated_at: string;
}

export const APPROVAL_SELECT = `SELECT a.*, r.username AS requester, d.username AS approver FROM approval_requests a
  LEFT JOIN members r ON r.id = a.requester_id LEFT JOIN members d ON d.id = a.approver_id`;

export function toApprovalRecord(r: ApprovalRow): ApprovalRecord {
  return {
    id: r.id, idempotencyKey: r.idempotency_key, kind: r.kind, requesterId: r.requester_id, requester: r.requester ?? `member ${r.requester_id}`,
    requestHash: r.request_hash, symbol: r.symbol, ticket: JSON.parse(r.ticket), notionalUsd: r.notional_usd, thresholdUsd: r.threshold_usd,
    preview: JSON.parse(r.preview), status: r.status, approverId: r.approver_id, approver: r.approver, reason: r.reason,
    result: r.result === null ? null : JSON.parse(r.result), createdAt: r.created_at, expiresAt: r.expires_at, decidedAt: r.decided_at,
    updatedAt: r.updated_at,
  };
}

/** Column values of a transition, in the order of the UPDATE below (both stores). */
export function transitionValues(change: ApprovalTransition, stamp: string) {
  return [change.to, change.approverId, change.reason ?? null, change.result === undefined ? null : JSON.stringify(change.result), change.decidedAt, stamp];
}

export function createSqliteApprovals(db: Database.Database, now: () => Date = () => new Date()): ApprovalsRepository {
  const byId = db.prepare<[number], ApprovalRow>(`${APPROVAL_SELECT} WHERE a.id = ?`);
  const byKey = db.prepare<[string], ApprovalRow>(`${APPROVAL_SELECT} WHERE a.idempotency_key = ?`);
  const insert = db.prepare(`INSERT INTO approval_requests (idempotency_key, kind, requester_id, request_hash, symbol, ticket, notional_usd,
      threshold_usd, preview, status, created_at, expires_at, updated_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?) ON CONFLICT (idempotency_key) DO NOTHING`);
  const move = db.prepare(`UPDATE approval_requests SET status = ?, approver_id = ?, reason = ?, result = ?, decided_at = ?, updated_at = ?
    WHERE id = ? AND status = ? AND (? IS NULL OR expires_at > ?)`);
  const expire = db.prepare<[string, string], { id: number }>(
    "UPDATE approval_requests SET status = 'expired', updated_at = ? WHERE status = 'pending' AND expires_at <= ? RETURNING id");
  const get = (id: number) => {
    const row = byId.get(id);
    return row ? toApprovalRecord(row) : null;
  };
  return {
    async create(request) {
      const stamp = now().toISOString();
      const result = insert.run(request.idempotencyKey, request.kind, request.requesterId, request.requestHash, request.symbol,
        JSON.stringify(request.ticket), request.notionalUsd, request.thresholdUsd, JSON.stringify(request.preview), stamp, request.expiresAt, stamp);
      return { created: result.changes === 1, record: toApprovalRecord(byKey.get(request.idempotencyKey)!) };
    },
    get: async (id) => get(id),
    async findByKey(key) {
      const row = byKey.get(key);
      return row ? toApprovalRecord(row) : null;
    },
    async list({ status, limit }) {
      const rows = status
        ? db.prepare<[string, number], ApprovalRow>(`${APPROVAL_SELECT} WHERE a.status = ? ORDER BY a.id DESC LIMIT ?`).all(status, limit)
        : db.prepare<[number], ApprovalRow>(`${APPROVAL_SELECT} ORDER BY a.id DESC LIMIT ?`).all(limit);
      return rows.map(toApprovalRecord);
    },
    async transition(id, change) {
      const before = change.before ?? null;
      const moved = move.run(...transitionValues(change, now().toISOString()), id, change.from, before, before);
      return moved.changes === 1 ? get(id) : null;
    },
    async expireDue(at) {
      const ids = db.transaction(() => expire.all(now().toISOString(), at)).immediate();
      return ids.map(({ id }) => get(id)!);
    },
  };
}
