import pg from 'pg';
import { runPostgresMigrations } from './migrations';
import { log } from '../../log';

/**
 * The PostgreSQL connection pool behind one DeskDb. Callers get a DeskDb synchronously (as with SQLite), so the
 * pool connects and migrates lazily: every query first awaits `ready()`. A failed start is not cached, so the
 * next call tries again (the server was down, now it is up).
 */
export interface PgClient {
  ready(): Promise<void>;
  /**
   * @param name a prepared statement's name, for statements every order sends: the server plans it once per
   * connection (planning a CTE costs about as much as the round trip). Only for statements with an explicit column
   * list — a cached plan of `SELECT *` fails once a migration adds a column.
   */
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[], name?: string): Promise<pg.QueryResult<R>>;
  /** Runs `work` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  /**
   * Runs `work` on a connection of its own small pool, for session-level advisory locks held across slow work
   * (a Kraken call). Lock holders never take connections the queries inside their work need from the main pool,
   * and a process that dies drops its connection, which releases its locks.
   */
  session<T>(pool: SessionPool, work: (client: pg.PoolClient, discard: () => void) => Promise<T>): Promise<T>;
  end(): Promise<void>;
}

/** `signer`: the Kraken signer's turn (one at a time per process); `locks`: named locks such as a member's. */
export type SessionPool = 'signer' | 'locks';
const SESSION_POOL_SIZE: Record<SessionPool, number> = { signer: 1, locks: 4 };

export function createPgClient(url: string, options: { poolSize?: number } = {}): PgClient {
  let ending: Promise<void> | undefined;
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle connection dropped by the server must not crash the process; the pool replaces it on next use.
  pool.on('error', (error) => {
    if (!ending) log.error({ err: error }, 'PostgreSQL connection lost');
  });
  const sessionPools = new Map<SessionPool, pg.Pool>();
  const sessionPool = (name: SessionPool) => {
    let found = sessionPools.get(name);
    if (!found) {
      found = new pg.Pool({ connectionString: url, max: SESSION_POOL_SIZE[name] });
      found.on('error', (error) => {
        if (!ending) log.error({ pool: name, err: error }, 'PostgreSQL connection lost');
      });
      sessionPools.set(name, found);
    }
    return found;
  };
  let starting: Promise<void> | null = null;
  const ready = () =>
    (starting ??= runPostgresMigrations(pool).then(
      () => undefined,
      (error: unknown) => {
        starting = null;
        throw error;
      },
    ));
  return {
    ready,
    async query(text, values, name) {
      await ready();
      return name ? pool.query({ name, text, values }) : pool.query(text, values);
    },
    async transaction(work) {
      await ready();
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    async session(name, work) {
      await ready();
      const client = await sessionPool(name).connect();
      // A connection whose unlock failed must not go back to the pool still holding a lock: `discard` closes it.
      let broken = false;
      try {
        return await work(client, () => { broken = true; });
      } finally {
        client.release(broken);
      }
    },
    // Idempotent: a test fixture and its test may both close the same store.
    end: () => (ending ??= Promise.all([pool.end(), ...[...sessionPools.values()].map((p) => p.end())]).then(() => undefined)),
  };
}
