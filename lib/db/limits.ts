import type Database from 'better-sqlite3';

/** A member's trading limits; `null` means "no limit" for that field. Amounts are USD decimal text. */
export interface MemberLimits {
  memberId: number;
  maxOrderUsd: string | null;
  maxDayUsd: string | null;
  /** WS v2 symbols, e.g. `BTC/USD`; null allows every pair */
  allowedPairs: string[] | null;
  /** Kraken order types, e.g. `limit`; null allows every type */
  allowedTypes: string[] | null;
  updatedAt: string | null;
}

export type LimitsInput = Omit<MemberLimits, 'memberId' | 'updatedAt'>;

export interface LimitsRepository {
  /** The member's limits; a member without a row has no limits. */
  get(memberId: number): Promise<MemberLimits>;
  set(memberId: number, limits: LimitsInput, updatedBy: number | null): Promise<MemberLimits>;
  list(): Promise<MemberLimits[]>;
}

export interface LimitsRow {
  member_id: number;
  max_order_usd: string | null;
  max_day_usd: string | null;
  allowed_pairs: string | null;
  allowed_types: string | null;
  updated_at: string;
}

const list = (text: string | null): string[] | null => (text === null ? null : (JSON.parse(text) as string[]));

export function toLimits(row: LimitsRow): MemberLimits {
  return {
    memberId: row.member_id, maxOrderUsd: row.max_order_usd, maxDayUsd: row.max_day_usd,
    allowedPairs: list(row.allowed_pairs), allowedTypes: list(row.allowed_types), updatedAt: row.updated_at,
  };
}

export function createSqliteLimits(db: Database.Database, now: () => Date = () => new Date()): LimitsRepository {
  const byId = db.prepare<[number], LimitsRow>('SELECT * FROM member_limits WHERE member_id = ?');
  const all = db.prepare<[], LimitsRow>('SELECT * FROM member_limits ORDER BY member_id');
  const upsert = db.prepare(`INSERT INTO member_limits (member_id, max_order_usd, max_day_usd, allowed_pairs, allowed_types, updated_at, updated_by)
    VALUES (?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (member_id) DO UPDATE SET max_order_usd = excluded.max_order_usd, max_day_usd = excluded.max_day_usd,
      allowed_pairs = excluded.allowed_pairs, allowed_types = excluded.allowed_types, updated_at = excluded.updated_at,
      updated_by = excluded.updated_by`);
  return {
    async get(memberId) {
      const row = byId.get(memberId);
      return row ? toLimits(row) : { memberId, maxOrderUsd: null, maxDayUsd: null, allowedPairs: null, allowedTypes: null, updatedAt: null };
    },
    async set(memberId, limits, updatedBy) {
      upsert.run(
        memberId, limits.maxOrderUsd, limits.maxDayUsd,
        limits.allowedPairs === null ? null : JSON.stringify(limits.allowedPairs),
        limits.allowedTypes === null ? null : JSON.stringify(limits.allowedTypes),
        now().toISOString(), updatedBy,
      );
      return toLimits(byId.get(memberId)!);
    },
    async list() {
      return all.all().map(toLimits);
    },
  };
}
