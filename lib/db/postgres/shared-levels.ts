/**
 * Decaying levels (the shape of every Kraken counter) kept in PostgreSQL so every instance sees one value. The
 * database clock decays them, so instances whose clocks differ still agree. Each change is one short transaction
 * with the rows locked in key order (two changes on the same keys never deadlock).
 */
import type pg from 'pg';
import type { LevelEntry, LevelShape, SharedLevels } from '../shared-state';
import type { PgClient } from './client';

const NOW_MS = '(extract(epoch from clock_timestamp()) * 1000)::float8';

type Decide = (levels: number[]) => (number | null)[];

/** Locks the rows of `keys`, hands their decayed levels to `decide`, writes what it returns (null = unchanged). */
async function change(db: PgClient, keys: string[], shapes: LevelShape[], decide: Decide): Promise<number[]> {
  return db.transaction(async (client: pg.PoolClient) => {
    const order = keys.map((_, i) => i).sort((a, b) => (keys[a]! < keys[b]! ? -1 : keys[a]! > keys[b]! ? 1 : 0));
    const levels: number[] = new Array(keys.length);
    const stamps: number[] = new Array(keys.length);
    for (const i of order) {
      await client.query(`INSERT INTO shared_levels (key, level, at_ms) VALUES ($1, 0, ${NOW_MS}) ON CONFLICT (key) DO NOTHING`, [keys[i]]);
      const { rows } = await client.query<{ level: number; at_ms: number; now_ms: number }>(
        `SELECT level, at_ms, ${NOW_MS} AS now_ms FROM shared_levels WHERE key = $1 FOR UPDATE`, [keys[i]]);
      const row = rows[0]!;
      levels[i] = Math.max(0, row.level - (Math.max(0, row.now_ms - row.at_ms) / 1000) * shapes[i]!.decayPerSecond);
      stamps[i] = row.now_ms;
    }
    const next = decide(levels);
    for (const i of order) {
      const value = next[i];
      if (value !== null && value !== undefined) {
        await client.query('UPDATE shared_levels SET level = $2, at_ms = $3 WHERE key = $1', [keys[i], value, stamps[i]]);
      }
    }
    return levels;
  });
}

export function createPostgresLevels(db: PgClient): SharedLevels {
  const one = (key: string, shape: LevelShape, decide: (level: number) => number | null) =>
    change(db, [key], [shape], ([level]) => [decide(level!)]).then(([level]) => level!);
  return {
    async addAll(entries: readonly LevelEntry[]) {
      let refused = -1;
      let waitSeconds = 0;
      await change(db, entries.map((e) => e.key), entries.map((e) => e.shape), (levels) => {
        refused = entries.findIndex((e, i) => levels[i]! + e.amount > e.shape.max);
        if (refused >= 0) {
          const e = entries[refused]!;
          waitSeconds = (levels[refused]! + e.amount - e.shape.max) / e.shape.decayPerSecond;
          return levels.map(() => null);
        }
        return levels.map((level, i) => Math.max(0, level + entries[i]!.amount));
      });
      return refused >= 0 ? { charged: false as const, refused, waitSeconds } : { charged: true as const };
    },
    async add(key, amount, shape) {
      let after: number | null = null;
      const before = await one(key, shape, (level) => (after = level + amount <= shape.max ? level + amount : null));
      if (after !== null) return { level: after, charged: true, waitSeconds: 0 };
      return { level: before, charged: false, waitSeconds: (before + amount - shape.max) / shape.decayPerSecond };
    },
    async force(key, amount, shape) {
      const before = await one(key, shape, (level) => Math.max(0, level + amount));
      return Math.max(0, before + amount);
    },
    async fill(key, shape) {
      await one(key, shape, () => shape.max);
    },
    async current(key, shape) {
      return one(key, shape, () => null);
    },
  };
}
