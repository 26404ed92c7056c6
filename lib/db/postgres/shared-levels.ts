/**
 * Decaying levels (the shape of every Kraken counter) kept in PostgreSQL so every instance sees one value. The
 * database clock decays them, so instances whose clocks differ still agree.
 *
 * Each change is ONE statement (one round trip, its own transaction): lock every key's row in key order (byte order,
 * so two changes on the same keys never deadlock, whatever the database's collation), decay, decide and write. Under
 * READ COMMITTED a row another transaction inserted after this statement's snapshot is invisible to it (and a locked
 * row is re-read at its newest version, so a row that exists is never stale). A statement that finds a key's row
 * missing therefore changes nothing; the rows are created (INSERT … ON CONFLICT DO NOTHING waits for a concurrent
 * inserter) and the statement runs again, now seeing them all. Rows are never deleted, so that happens once per key.
 */
import type { LevelEntry, LevelShape, SharedLevels } from '../shared-state';
import type { PgClient } from './client';

const NOW_MS = '(extract(epoch from clock_timestamp()) * 1000)::float8';

/**
 * `add`: every entry's amount when all of them fit under their max, else nothing · `force`: each amount whatever
 * the level, never below 0 · `fill`: each level to its max · `read`: nothing.
 */
type Mode = 'add' | 'force' | 'fill' | 'read';

/**
 * The decayed levels before the change (input order) and whether each entry's amount fitted. `clock` is taken after
 * every row is locked (an aggregate reads all of them first); were it earlier, `at_ms` never moves back and the
 * elapsed time is never negative, so a level could only decay less (refuse more), never more.
 */
const CHANGE_SQL = `
WITH input AS (
  SELECT key, amount, max, decay, idx::int AS idx
    FROM unnest($1::text[], $2::float8[], $3::float8[], $4::float8[]) WITH ORDINALITY AS i(key, amount, max, decay, idx)
), locked AS (
  SELECT s.key, s.level, s.at_ms FROM shared_levels s WHERE s.key = ANY($1::text[]) ORDER BY s.key COLLATE "C" FOR UPDATE
), clock AS (
  SELECT ${NOW_MS} AS now_ms, count(*)::int AS found FROM locked
), decayed AS (
  SELECT i.idx, i.key, i.amount, i.max, c.now_ms, c.found,
         GREATEST(0, l.level - GREATEST(0, c.now_ms - l.at_ms) / 1000 * i.decay) AS level
    FROM input i JOIN locked l ON l.key = i.key CROSS JOIN clock c
), verdict AS (
  SELECT bool_and(level + amount <= max) AS fits, min(found) = cardinality($1::text[]) AS complete FROM decayed
), changed AS (
  UPDATE shared_levels s
     SET level = CASE WHEN $5 = 'fill' THEN d.max ELSE GREATEST(0, d.level + d.amount) END,
         at_ms = GREATEST(s.at_ms, d.now_ms)
    FROM decayed d, verdict v
   WHERE s.key = d.key AND v.complete AND ($5 IN ('force', 'fill') OR ($5 = 'add' AND v.fits))
  RETURNING s.key
)
SELECT d.idx, d.level, d.level + d.amount <= d.max AS fits, d.found FROM decayed d ORDER BY d.idx`;

const CREATE_SQL = `INSERT INTO shared_levels (key, level, at_ms)
  SELECT key, 0, ${NOW_MS} FROM unnest($1::text[]) AS k(key) ORDER BY key COLLATE "C" ON CONFLICT (key) DO NOTHING`;

/** A key's row vanishing between its creation and the change would be tampering: give up rather than loop. */
const ATTEMPTS = 3;

interface Changed {
  /** decayed levels before the change, in input order */
  levels: number[];
  fits: boolean[];
}

async function change(db: PgClient, entries: readonly LevelEntry[], mode: Mode): Promise<Changed> {
  const keys = entries.map((e) => e.key);
  if (keys.length === 0) return { levels: [], fits: [] };
  if (new Set(keys).size !== keys.length) throw new Error('a shared level change names a key twice');
  const values = [keys, entries.map((e) => e.amount), entries.map((e) => e.shape.max), entries.map((e) => e.shape.decayPerSecond), mode];
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const { rows } = await db.query<{ idx: number; level: number; fits: boolean; found: number }>(CHANGE_SQL, values, 'desk_levels_change');
    if (rows.length === keys.length && rows[0]!.found === keys.length) {
      return { levels: rows.map((r) => r.level), fits: rows.map((r) => r.fits) };
    }
    await db.query(CREATE_SQL, [keys]);
  }
  throw new Error(`shared levels ${keys.join(', ')} could not be created`);
}

const entry = (key: string, amount: number, shape: LevelShape): LevelEntry => ({ key, amount, shape });

export function createPostgresLevels(db: PgClient): SharedLevels {
  return {
    async addAll(entries) {
      const { levels, fits } = await change(db, entries, 'add');
      const refused = fits.indexOf(false);
      if (refused < 0) return { charged: true as const };
      const e = entries[refused]!;
      return { charged: false as const, refused, waitSeconds: (levels[refused]! + e.amount - e.shape.max) / e.shape.decayPerSecond };
    },
    async add(key, amount, shape) {
      const { levels: [before], fits: [fits] } = await change(db, [entry(key, amount, shape)], 'add');
      if (fits) return { level: Math.max(0, before! + amount), charged: true, waitSeconds: 0 };
      return { level: before!, charged: false, waitSeconds: (before! + amount - shape.max) / shape.decayPerSecond };
    },
    async force(key, amount, shape) {
      const { levels: [before] } = await change(db, [entry(key, amount, shape)], 'force');
      return Math.max(0, before! + amount);
    },
    async fill(key, shape) {
      await change(db, [entry(key, 0, shape)], 'fill');
    },
    async current(key, shape) {
      return (await change(db, [entry(key, 0, shape)], 'read')).levels[0]!;
    },
  };
}
