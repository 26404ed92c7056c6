/**
 * The repository contract suite runs every test against both stores: SQLite (a file in a temp folder) and
 * PostgreSQL (a fresh database per test on the server at TEST_DATABASE_URL, which `npm test` provides: see
 * server/scripts/postgres-harness.ts). Without a server the PostgreSQL tests fail with a message, never skip.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openDatabase, type DeskDb, type OpenDatabaseOptions } from '../database';
import { openPostgresDatabase } from '../postgres/database';
import { runPostgresMigrations } from '../postgres/migrations';
import { NO_POSTGRES_MESSAGE } from '../../../server/scripts/postgres-harness';

export interface OpenedStore {
  db: DeskDb;
  /** what DATABASE_PATH (SQLite file) or DATABASE_URL (PostgreSQL) would hold, or `--db` for the CLI */
  location: string;
  /** Raw SQL beside the repositories (tampering, schema checks). Placeholders are `$1, $2…` in both stores. */
  sql(text: string, params?: unknown[]): Promise<Record<string, unknown>[]>;
  /** Another, independent DeskDb on the same data: a restart, or a second desk instance. */
  reopen(options?: OpenDatabaseOptions): DeskDb;
  /** Closes everything opened here and removes the data. */
  close(): Promise<void>;
}

export interface StoreUnderTest {
  name: 'sqlite' | 'postgres';
  /** A fresh, migrated, empty store. PostgreSQL only: `migrate: false` leaves it empty until `db` is first used. */
  open(options?: OpenDatabaseOptions & { migrate?: boolean }): Promise<OpenedStore>;
}

const sqliteStore: StoreUnderTest = {
  name: 'sqlite',
  async open(options) {
    const dir = mkdtempSync(join(tmpdir(), 'kd-contract-'));
    const path = join(dir, 'desk.sqlite');
    const db = openDatabase(path, options);
    const raw = new Database(path);
    const opened: DeskDb[] = [db];
    return {
      db,
      location: path,
      async sql(text, params = []) {
        const statement = raw.prepare(text.replace(/\$\d+/g, '?'));
        if (statement.reader) return statement.all(...params) as Record<string, unknown>[];
        statement.run(...params);
        return [];
      },
      reopen(more) {
        const again = openDatabase(path, more);
        opened.push(again);
        return again;
      },
      async close() {
        for (const each of opened) await each.close();
        raw.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

let admin: pg.Pool | undefined;
after(async () => {
  const made = await migratedTemplate?.catch(() => undefined);
  if (made && admin) await dropDatabase(admin, made);
  await admin?.end();
});

function serverUrl(): string {
  const url = process.env.TEST_DATABASE_URL?.trim();
  if (!url) throw new Error(NO_POSTGRES_MESSAGE);
  return url;
}

/** pg's `pool.end()` resolves before the sockets are closed: wait (briefly) for the database's sessions to go. */
async function sessionsGone(server: pg.Pool, name: string): Promise<void> {
  for (let attempt = 0; attempt < 100; attempt++) {
    const { rows } = await server.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM pg_stat_activity WHERE datname = $1', [name]);
    if (rows[0]!.n === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** FILE_COPY (PostgreSQL 15+) copies the template in ~50 ms where the default WAL_LOG takes several times that. */
async function createDatabase(server: pg.Pool, name: string, template: string): Promise<void> {
  try {
    await server.query(`CREATE DATABASE ${name} TEMPLATE ${template} STRATEGY FILE_COPY`);
  } catch (error) {
    if ((error as { code?: string }).code !== '42601') throw error; // older server: no STRATEGY option
    await server.query(`CREATE DATABASE ${name} TEMPLATE ${template}`);
  }
}

/** FORCE only ends a straggler session, which would otherwise surface as a stray connection error. */
async function dropDatabase(server: pg.Pool, name: string): Promise<void> {
  await sessionsGone(server, name);
  await server.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}

const databaseUrl = (base: string, name: string) => {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
};

/**
 * One migrated database per test file, copied for each test: copying is much cheaper than migrating every time.
 * The copies still run the desk's migration check on first use, as any start does.
 */
let migratedTemplate: Promise<string> | undefined;
function template(server: pg.Pool, base: string): Promise<string> {
  migratedTemplate ??= (async () => {
    const name = `tpl_${randomBytes(6).toString('hex')}`;
    await createDatabase(server, name, 'template1');
    const pool = new pg.Pool({ connectionString: databaseUrl(base, name), max: 1 });
    await runPostgresMigrations(pool);
    await pool.end();
    await sessionsGone(server, name);
    return name;
  })();
  return migratedTemplate;
}

const postgresStore: StoreUnderTest = {
  name: 'postgres',
  async open(options) {
    const base = serverUrl();
    admin ??= new pg.Pool({ connectionString: base, max: 2 });
    const name = `t_${randomBytes(6).toString('hex')}`;
    await createDatabase(admin, name, options?.migrate === false ? 'template1' : await template(admin, base));
    const location = databaseUrl(base, name);
    const db = openPostgresDatabase(location, options);
    if (options?.migrate !== false) await db.ready();
    const raw = new pg.Pool({ connectionString: location, max: 2 });
    raw.on('error', () => {}); // DROP DATABASE … WITH (FORCE) ends its idle connections
    const opened: DeskDb[] = [db];
    return {
      db,
      location,
      async sql(text, params = []) {
        return (await raw.query(text, params)).rows;
      },
      reopen(more) {
        const again = openPostgresDatabase(location, more);
        opened.push(again);
        return again;
      },
      async close() {
        for (const each of opened) await each.close();
        await raw.end();
        await dropDatabase(admin!, name);
      },
    };
  },
};

export const STORES: readonly StoreUnderTest[] = [sqliteStore, postgresStore];

/** Declares the same tests once per store, in a `describe` named after the store. */
export function forEachStore(title: string, body: (store: StoreUnderTest) => void): void {
  for (const store of STORES) describe(`${title} [${store.name}]`, () => body(store));
}

/** Error text of a unique / check constraint violation, in either store's words. */
export const UNIQUE_ERROR = /UNIQUE|unique constraint/;
export const CHECK_ERROR = /CHECK|check constraint/;
