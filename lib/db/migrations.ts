import type Database from 'better-sqlite3';
import { FAVOURITES_MIGRATION_SQL } from './favourites';
import { APPROVALS_MIGRATION_NAME, APPROVALS_MIGRATION_SQL } from './migration-approvals';
import { SHARED_STATE_MIGRATION_SQL } from './shared-state';
import { MEMBER_SECURITY_MIGRATION_SQL } from './member-security';
import { MEMBER_SETTINGS_MIGRATION_SQL } from './member-settings';
import { REFUSED_OUTCOME_MIGRATION_SQL, TRADING_MIGRATION_SQL } from './migration-trading';

/**
 * Numbered schema changes, applied in order, each exactly once (recorded in `schema_migrations`).
 * Never edit a migration that has shipped: add the next number instead (limits, audit log and
 * idempotency keys arrive this way).
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const migrations: readonly Migration[] = [
  {
    version: 1,
    name: 'members',
    sql: `
      CREATE TABLE members (
        id              INTEGER PRIMARY KEY AUTOINCREMENT,
        username        TEXT    NOT NULL COLLATE NOCASE UNIQUE
                          CHECK (length(username) BETWEEN 3 AND 32 AND username NOT GLOB '*[^a-z0-9_.-]*'),
        password_hash   TEXT    NOT NULL,
        role            TEXT    NOT NULL CHECK (role IN ('viewer', 'trader', 'admin')),
        disabled        INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
        session_version INTEGER NOT NULL DEFAULT 1,
        created_at      TEXT    NOT NULL,
        updated_at      TEXT    NOT NULL
      );
    `,
  },
  {
    version: 2,
    name: 'trading: limits, desk settings, desk orders (idempotency + attribution), audit log',
    sql: TRADING_MIGRATION_SQL,
  },
  {
    version: 3,
    name: 'member favourites',
    sql: FAVOURITES_MIGRATION_SQL,
  },
  {
    version: 4,
    name: "audit log: outcome 'refused' for attempts the desk turned down",
    sql: REFUSED_OUTCOME_MIGRATION_SQL,
  },
  {
    version: 5,
    name: APPROVALS_MIGRATION_NAME,
    sql: APPROVALS_MIGRATION_SQL,
  },
  {
    version: 6,
    name: "members' sessions, second factors (TOTP) and recovery codes",
    sql: MEMBER_SECURITY_MIGRATION_SQL,
  },
  {
    version: 7,
    name: 'shared state of several desk instances: Kraken signer nonce, decaying counters, sign-in throttle',
    sql: SHARED_STATE_MIGRATION_SQL,
  },
  {
    version: 8,
    name: 'member UI settings (chart, book, markets sort, layout) as one JSON document per member',
    sql: MEMBER_SETTINGS_MIGRATION_SQL,
  },
];

/** Applies every migration newer than the database's version; returns the versions it applied. */
export function runMigrations(db: Database.Database, list: readonly Migration[] = migrations): number[] {
  db.exec(`
    CREATE TABLE IF NOT EXISTS schema_migrations (
      version    INTEGER PRIMARY KEY,
      name       TEXT NOT NULL,
      applied_at TEXT NOT NULL
    );
  `);
  const isApplied = db.prepare('SELECT 1 FROM schema_migrations WHERE version = ?');
  const record = db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)');
  const done: number[] = [];
  for (const migration of [...list].sort((a, b) => a.version - b.version)) {
    // One IMMEDIATE transaction per migration, re-checked inside it: a failing migration leaves the
    // database at the previous version, and a second process (the CLI beside the server) waits
    // for the write lock instead of applying the same step twice.
    const applied = db
      .transaction(() => {
        if (isApplied.get(migration.version)) return false;
        db.exec(migration.sql);
        record.run(migration.version, migration.name, new Date().toISOString());
        return true;
      })
      .immediate();
    if (applied) done.push(migration.version);
  }
  return done;
}
