import { APPROVAL_SELECT, toApprovalRecord, transitionValues, type ApprovalRow, type ApprovalsRepository } from '../approvals';
import type { PgClient } from './client';

export function createPostgresApprovals(db: PgClient, now: () => Date = () => new Date()): ApprovalsRepository {
  const select = async (where: string, values: unknown[]) =>
    (await db.query<ApprovalRow>(`${APPROVAL_SELECT} WHERE ${where}`, values)).rows.map(toApprovalRecord);
  const byKey = async (key: string) => (await select('a.idempotency_key = $1', [key]))[0] ?? null;
  const byId = async (id: number) => (await select('a.id = $1', [id]))[0] ?? null;
  return {
    async create(request) {
      const stamp = now().toISOString();
      // The unique key decides between desk instances: exactly one insert of a key wins.
      const inserted = await db.query(
        `INSERT INTO approval_requests (idempotency_key, kind, requester_id, request_hash, symbol, ticket, notional_usd, threshold_usd, preview,
            status, created_at, expires_at, updated_at)
          VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', $10, $11, $10) ON CONFLICT (idempotency_key) DO NOTHING`,
        [request.idempotencyKey, request.kind, request.requesterId, request.requestHash, request.symbol, JSON.stringify(request.ticket),
          request.notionalUsd, request.thresholdUsd, JSON.stringify(request.preview), stamp, request.expiresAt],
      );
      return { created: inserted.rowCount === 1, record: (await byKey(request.idempotencyKey))! };
    },
    get: byId,
    findByKey: byKey,
    async list({ status, limit }) {
      return status ? select('a.status = $1 ORDER BY a.id DESC LIMIT $2', [status, limit]) : select('true ORDER BY a.id DESC LIMIT $1', [limit]);
    },
    async transition(id, change) {
      // One UPDATE guarded by the current status: PostgreSQL re-checks the WHERE after a concurrent update commits,
      // so of two instances approving at once exactly one sees its row change.
      const moved = await db.query(
        `UPDATE approval_requests SET status = $1, approver_id = $2, reason = $3, result = $4, decided_at = $5, updated_at = $6
          WHERE id = $7 AND status = $8 AND ($9::text IS NULL OR expires_at > $9::text)`,
        [...transitionValues(change, now().toISOString()), id, change.from, change.before ?? null],
      );
      return moved.rowCount === 1 ? byId(id) : null;
    },
    async expireDue(at) {
      const { rows } = await db.query<{ id: number }>(
        "UPDATE approval_requests SET status = 'expired', updated_at = $1 WHERE status = 'pending' AND expires_at <= $2 RETURNING id",
        [now().toISOString(), at]);
      return Promise.all(rows.map(({ id }) => byId(id).then((r) => r!)));
    },
  };
}
