import type Database from 'better-sqlite3';
import DecimalJs from 'decimal.js';

const Decimal = DecimalJs.clone({ precision: 60 });

/**
 * Orders placed through the desk: the idempotency record (one row per ticket key, unique) and the
 * attribution of Kraken orders to members (by txid or cl_ord_id — Kraken's userref cannot carry the
 * member because it is mutually exclusive with cl_ord_id).
 */
export type DeskOrderState = 'pending' | 'placed' | 'rejected' | 'unknown';

export interface DeskOrderRecord {
  id: number;
  idempotencyKey: string;
  clOrdId: string;
  memberId: number;
  username: string;
  /** SHA-256 of the ticket, to spot one key reused for a different ticket */
  requestHash: string;
  symbol: string;
  side: string;
  orderType: string;
  volume: string;
  price: string | null;
  notionalUsd: string;
  /** YYYY-MM-DD (UTC) the order counts against */
  utcDay: string;
  state: DeskOrderState;
  txid: string | null;
  /** the member whose approval let the order through (four eyes), or null */
  approvedBy: { id: number; username: string } | null;
  /** the first answer given for this key, replayed for repeats */
  response: { status: number; body: unknown } | null;
  createdAt: string;
  updatedAt: string;
}

export type NewDeskOrder = Omit<DeskOrderRecord, 'id' | 'username' | 'state' | 'txid' | 'response' | 'createdAt' | 'updatedAt' | 'approvedBy'> & {
  /** member id of the approver, for an order placed by a four-eyes approval */
  approvedBy?: number | null;
};

export interface DeskOrdersRepository {
  findByKey(idempotencyKey: string): Promise<DeskOrderRecord | null>;
  /** Inserts a pending row unless the key exists; `claimed: false` returns the existing row. */
  claim(order: NewDeskOrder): Promise<{ claimed: boolean; record: DeskOrderRecord }>;
  settle(id: number, outcome: { state: Exclude<DeskOrderState, 'pending'>; txid: string | null; response: { status: number; body: unknown } }): Promise<DeskOrderRecord>;
  /**
   * Forgets a ticket whose order was proved not placed (Kraken was unavailable, the lookup by cl_ord_id found
   * nothing): its key is free again, for the same ticket or a changed one.
   */
  release(id: number): Promise<void>;
  /** Sum of the recorded USD notional of the member's rows on that UTC day that may have reached Kraken (not rejected). */
  dayNotional(memberId: number, utcDay: string): Promise<string>;
  /** The member's rows on that UTC day that may have reached Kraken (not rejected); see lib/orders/day-usage.ts. */
  dayOrders(memberId: number, utcDay: string): Promise<DeskOrderRecord[]>;
  /** After an amend: the order now counts for this notional (and size) against its day. */
  setNotional(id: number, notionalUsd: string, volume: string): Promise<void>;
  /** Desk records for the given Kraken txids or cl_ord_ids. */
  findByOrderIds(ids: { txids: string[]; clOrdIds: string[] }): Promise<DeskOrderRecord[]>;
  count(): Promise<number>;
}

export interface DeskOrderRow {
  id: number;
  idempotency_key: string;
  cl_ord_id: string;
  member_id: number;
  username: string | null;
  request_hash: string;
  symbol: string;
  side: string;
  order_type: string;
  volume: string;
  price: string | null;
  notional_usd: string;
  utc_day: string;
  state: DeskOrderState;
  txid: string | null;
  approved_by: number | null;
  approver: string | null;
  response_status: number | null;
  response_body: string | null;
  created_at: string;
  updated_at: string;
}

export function toDeskOrderRecord(r: DeskOrderRow): DeskOrderRecord {
  return {
    id: r.id, idempotencyKey: r.idempotency_key, clOrdId: r.cl_ord_id, memberId: r.member_id, username: r.username ?? `member ${r.member_id}`,
    requestHash: r.request_hash, symbol: r.symbol, side: r.side, orderType: r.order_type, volume: r.volume, price: r.price,
    notionalUsd: r.notional_usd, utcDay: r.utc_day, state: r.state, txid: r.txid,
    approvedBy: r.approved_by === null || r.approved_by === undefined ? null : { id: r.approved_by, username: r.approver ?? `member ${r.approved_by}` },
    response: r.response_status === null ? null : { status: r.response_status, body: r.response_body === null ? null : JSON.parse(r.response_body) },
    createdAt: r.created_at, updatedAt: r.updated_at,
  };
}

export const DESK_ORDER_SELECT = `SELECT o.*, m.username AS username, ap.username AS approver FROM desk_orders o
  LEFT JOIN members m ON m.id = o.member_id LEFT JOIN members ap ON ap.id = o.approved_by`;

export function createSqliteDeskOrders(db: Database.Database, now: () => Date = () => new Date()): DeskOrdersRepository {
  const byKey = db.prepare<[string], DeskOrderRow>(`${DESK_ORDER_SELECT} WHERE o.idempotency_key = ?`);
  const byId = db.prepare<[number], DeskOrderRow>(`${DESK_ORDER_SELECT} WHERE o.id = ?`);
  const insert = db.prepare(`INSERT INTO desk_orders (idempotency_key, cl_ord_id, member_id, request_hash, symbol, side, order_type, volume,
      price, notional_usd, utc_day, state, approved_by, created_at, updated_at)
    VALUES (@idempotencyKey, @clOrdId, @memberId, @requestHash, @symbol, @side, @orderType, @volume, @price, @notionalUsd, @utcDay, 'pending',
      @approvedBy, @stamp, @stamp)
    ON CONFLICT DO NOTHING`);
  const update = db.prepare('UPDATE desk_orders SET state = ?, txid = ?, response_status = ?, response_body = ?, updated_at = ? WHERE id = ?');
  const day = db.prepare<[number, string], { notional_usd: string }>(
    "SELECT notional_usd FROM desk_orders WHERE member_id = ? AND utc_day = ? AND state != 'rejected'",
  );
  const dayRows = db.prepare<[number, string], DeskOrderRow>(`${DESK_ORDER_SELECT} WHERE o.member_id = ? AND o.utc_day = ? AND o.state != 'rejected' ORDER BY o.id`);
  const remove = db.prepare("DELETE FROM desk_orders WHERE id = ? AND state != 'placed'");
  const countRows = db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM desk_orders');
  const renotional = db.prepare('UPDATE desk_orders SET notional_usd = ?, volume = ?, updated_at = ? WHERE id = ?');

  return {
    async findByKey(key) {
      const row = byKey.get(key);
      return row ? toDeskOrderRecord(row) : null;
    },
    async claim(order) {
      const result = insert.run({ ...order, approvedBy: order.approvedBy ?? null, stamp: now().toISOString() });
      const row = byKey.get(order.idempotencyKey);
      if (!row) throw new Error('desk order claim found no row (cl_ord_id taken by another key)');
      return { claimed: result.changes === 1, record: toDeskOrderRecord(row) };
    },
    async settle(id, outcome) {
      update.run(outcome.state, outcome.txid, outcome.response.status, JSON.stringify(outcome.response.body), now().toISOString(), id);
      return toDeskOrderRecord(byId.get(id)!);
    },
    async release(id) {
      remove.run(id);
    },
    async dayOrders(memberId, utcDay) {
      return dayRows.all(memberId, utcDay).map(toDeskOrderRecord);
    },
    async dayNotional(memberId, utcDay) {
      return day.all(memberId, utcDay).reduce((sum, r) => sum.plus(r.notional_usd), new Decimal(0)).toFixed();
    },
    async setNotional(id, notionalUsd, volume) {
      renotional.run(notionalUsd, volume, now().toISOString(), id);
    },
    async findByOrderIds({ txids, clOrdIds }) {
      if (txids.length === 0 && clOrdIds.length === 0) return [];
      const marks = (n: number) => Array.from({ length: n }, () => '?').join(',') || 'NULL';
      const rows = db.prepare<string[], DeskOrderRow>(`${DESK_ORDER_SELECT} WHERE o.txid IN (${marks(txids.length)}) OR o.cl_ord_id IN (${marks(clOrdIds.length)})`)
        .all(...txids, ...clOrdIds);
      return rows.map(toDeskOrderRecord);
    },
    async count() {
      return countRows.get()?.n ?? 0;
    },
  };
}
