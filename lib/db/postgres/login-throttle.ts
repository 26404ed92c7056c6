/**
 * The sign-in throttle's entries in PostgreSQL (lib/auth/shared-throttle.ts). Each update takes per-key advisory
 * transaction locks in key order — rows that do not exist yet cannot be locked — then reads, decides and writes.
 */
import type { StoredThrottleEntry, ThrottleStore } from '../../auth/shared-throttle';
import { STALE_IN_FLIGHT_MS } from '../../auth/shared-throttle';
import type { PgClient } from './client';
import { LOCK_NAMED_NAMESPACE } from './constants';

interface Row {
  key: string;
  failures: number;
  in_flight: number;
  last_failure_ms: number;
  last_begin_ms: number;
}

/** Entries idle this long are deleted now and then (the throttle forgets failures after 15 minutes). */
const FORGET_ROWS_MS = 60 * 60_000;

export function createPostgresThrottleStore(db: PgClient): ThrottleStore {
  return {
    update(keys, change) {
      return db.transaction(async (client) => {
        for (const key of [...keys].sort()) await client.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [LOCK_NAMED_NAMESPACE, `login:${key}`]);
        const { rows } = await client.query<Row>('SELECT * FROM login_throttle WHERE key = ANY($1::text[])', [keys]);
        const byKey = new Map(rows.map((r) => [r.key, {
          failures: r.failures, inFlight: r.in_flight, lastFailure: r.last_failure_ms, lastBegin: r.last_begin_ms,
        } satisfies StoredThrottleEntry]));
        const { result, next } = change(keys.map((k) => byKey.get(k)));
        for (const [i, key] of keys.entries()) {
          const entry = next[i];
          if (entry === null) await client.query('DELETE FROM login_throttle WHERE key = $1', [key]);
          else if (entry !== undefined) {
            await client.query(
              `INSERT INTO login_throttle (key, failures, in_flight, last_failure_ms, last_begin_ms) VALUES ($1, $2, $3, $4, $5)
                ON CONFLICT (key) DO UPDATE SET failures = $2, in_flight = $3, last_failure_ms = $4, last_begin_ms = $5`,
              [key, entry.failures, entry.inFlight, entry.lastFailure, entry.lastBegin]);
          }
        }
        // the entries' times are in the throttle's clock, not necessarily this process's (a test's virtual clock):
        // the newest time this update wrote stands for "now", so the sweep never judges rows by another clock
        const newest = Math.max(...next.flatMap((entry) => (entry ? [entry.lastFailure, entry.lastBegin] : [])));
        if (Number.isFinite(newest) && Math.random() < 0.02) {
          const cutoff = newest - Math.max(FORGET_ROWS_MS, STALE_IN_FLIGHT_MS);
          await client.query('DELETE FROM login_throttle WHERE last_failure_ms < $1 AND last_begin_ms < $1', [cutoff]);
        }
        return result;
      });
    },
  };
}
