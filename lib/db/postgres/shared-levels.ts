/**
 * Decaying levels (the shape of every Kraken counter) kept in PostgreSQL so every instance sees one value. The
 * database clock decays them, so instances whose clocks differ still agree. Each change is one short transaction
 * with the row locked.
 */
import type { PgClient } from './client';

export interface LevelShape {
  max: number;
  decayPerSecond: number;
}

export interface LevelChange {
  /** the level after the change (or unchanged when it did not fit) */
  level: number;
  charged: boolean;
  /** seconds until `amount` would fit (0 when charged) */
  waitSeconds: number;
}

export interface SharedLevels {
  /** Adds `amount` when the level stays within `max`; otherwise changes nothing and says how long to wait. */
  add(key: string, amount: number, shape: LevelShape): Promise<LevelChange>;
  /** Adds (or with a negative amount takes back) whatever the level is, never below 0. */
  force(key: string, amount: number, shape: LevelShape): Promise<number>;
  /** Sets the level to its maximum (the exchange said the counter is full). */
  fill(key: string, shape: LevelShape): Promise<void>;
  current(key: string, shape: LevelShape): Promise<number>;
}

const NOW_MS = '(extract(epoch from clock_timestamp()) * 1000)::float8';

export function createPostgresLevels(db: PgClient): SharedLevels {
  async function change(key: string, shape: LevelShape, decide: (level: number) => number | null): Promise<{ before: number; after: number | null }> {
    return db.transaction(async (client) => {
      await client.query(`INSERT INTO shared_levels (key, level, at_ms) VALUES ($1, 0, ${NOW_MS}) ON CONFLICT (key) DO NOTHING`, [key]);
      const { rows } = await client.query<{ level: number; at_ms: number; now_ms: number }>(
        `SELECT level, at_ms, ${NOW_MS} AS now_ms FROM shared_levels WHERE key = $1 FOR UPDATE`, [key]);
      const row = rows[0]!;
      const before = Math.max(0, row.level - (Math.max(0, row.now_ms - row.at_ms) / 1000) * shape.decayPerSecond);
      const after = decide(before);
      if (after !== null) await client.query('UPDATE shared_levels SET level = $2, at_ms = $3 WHERE key = $1', [key, after, row.now_ms]);
      return { before, after };
    });
  }
  return {
    async add(key, amount, shape) {
      const { before, after } = await change(key, shape, (level) => (level + amount <= shape.max ? level + amount : null));
      if (after !== null) return { level: after, charged: true, waitSeconds: 0 };
      return { level: before, charged: false, waitSeconds: (before + amount - shape.max) / shape.decayPerSecond };
    },
    async force(key, amount, shape) {
      return (await change(key, shape, (level) => Math.max(0, level + amount))).after ?? 0;
    },
    async fill(key, shape) {
      await change(key, shape, () => shape.max);
    },
    async current(key, shape) {
      return (await change(key, shape, () => null)).before;
    },
  };
}
