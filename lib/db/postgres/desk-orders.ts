import { addText } from '../../decimal';
import { DESK_ORDER_SELECT, toDeskOrderRecord, type DeskOrderRow, type DeskOrdersRepository } from '../desk-orders';
import type { PgClient } from './client';

/** DESK_ORDER_SELECT over the rows a data-modifying CTE returned (its row as written, with the usernames). */
function selectFrom(cte: string): string {
  if (!DESK_ORDER_SELECT.includes('FROM desk_orders o')) throw new Error('DESK_ORDER_SELECT no longer reads desk_orders o');
  return DESK_ORDER_SELECT.replace('FROM desk_orders o', `FROM ${cte} o`);
}

export function createPostgresDeskOrders(db: PgClient, now: () => Date = () => new Date()): DeskOrdersRepository {
  const select = async (where: string, values: unknown[]) =>
    (await db.query<DeskOrderRow>(`${DESK_ORDER_SELECT} WHERE ${where}`, values)).rows.map(toDeskOrderRecord);
  const byKey = async (key: string) => (await select('o.idempotency_key = $1', [key]))[0] ?? null;
  const byId = async (id: number) => (await select('o.id = $1', [id]))[0] ?? null;
  const dayRows = (memberId: number, utcDay: string) =>
    select("o.member_id = $1 AND o.utc_day = $2 AND o.state != 'rejected' ORDER BY o.id", [memberId, utcDay]);

  return {
    findByKey: byKey,
    async claim(order) {
      const stamp = now().toISOString();
      // The unique key decides between desk instances: a concurrent insert of the same key waits for the first
      // to commit and then inserts nothing, so exactly one claim wins. The winner's row comes back from the same
      // statement; a loser reads the row the winner committed (a new statement sees it; this one's snapshot cannot).
      const { rows } = await db.query<DeskOrderRow>(
        `WITH changed AS (
          INSERT INTO desk_orders (idempotency_key, cl_ord_id, member_id, request_hash, symbol, side, order_type, volume,
              price, notional_usd, utc_day, state, approved_by, created_at, updated_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, 'pending', $13, $12, $12)
            ON CONFLICT DO NOTHING
            RETURNING *)
        ${selectFrom('changed')}`,
        [order.idempotencyKey, order.clOrdId, order.memberId, order.requestHash, order.symbol, order.side, order.orderType,
          order.volume, order.price, order.notionalUsd, order.utcDay, stamp, order.approvedBy ?? null],
      );
      if (rows[0]) return { claimed: true, record: toDeskOrderRecord(rows[0]) };
      const record = await byKey(order.idempotencyKey);
      if (!record) throw new Error('desk order claim found no row (cl_ord_id taken by another key)');
      return { claimed: false, record };
    },
    async settle(id, outcome) {
      const { rows } = await db.query<DeskOrderRow>(
        `WITH changed AS (
          UPDATE desk_orders SET state = $1, txid = $2, response_status = $3, response_body = $4, updated_at = $5 WHERE id = $6 RETURNING *)
        ${selectFrom('changed')}`,
        [outcome.state, outcome.txid, outcome.response.status, JSON.stringify(outcome.response.body), now().toISOString(), id]);
      return rows[0] ? toDeskOrderRecord(rows[0]) : (await byId(id))!;
    },
    async release(id) {
      await db.query("DELETE FROM desk_orders WHERE id = $1 AND state != 'placed'", [id]);
    },
    dayOrders: dayRows,
    async dayNotional(memberId, utcDay) {
      return (await dayRows(memberId, utcDay)).reduce((sum, r) => addText(sum, r.notionalUsd), '0');
    },
    async setNotional(id, notionalUsd, volume) {
      await db.query('UPDATE desk_orders SET notional_usd = $1, volume = $2, updated_at = $3 WHERE id = $4',
        [notionalUsd, volume, now().toISOString(), id]);
    },
    async findByOrderIds({ txids, clOrdIds }) {
      if (txids.length === 0 && clOrdIds.length === 0) return [];
      return select('o.txid = ANY($1::text[]) OR o.cl_ord_id = ANY($2::text[])', [txids, clOrdIds]);
    },
    async count() {
      return (await db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM desk_orders')).rows[0]?.n ?? 0;
    },
  };
}
