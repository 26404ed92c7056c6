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
  query<R extends pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
  /** Runs `work` in one transaction on one connection; rolls back if it throws. */
  transaction<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T>;
  end(): Promise<void>;
}

export function createPgClient(url: string, options: { poolSize?: number } = {}): PgClient {
  let ending: Promise<void> | undefined;
  const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 10 });
  // An idle connection dropped by the server must not crash the process; the pool replaces it on next use.
  pool.on('error', (error) => {
    if (!ending) log.error({ err: error }, 'PostgreSQL connection lost');
  });
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
    async query(text, values) {
      await ready();
      return pool.query(text, values);
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
    // Idempotent: a test fixture and its test may both close the same store.
    end: () => (ending ??= pool.end()),
  };
}
