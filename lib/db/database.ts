import { chmodSync, closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { runMigrations } from './migrations';
import { createSqliteMembers, type MembersRepository } from './members';
import { createSqliteAudit, type AuditRepository } from './audit';
import { createSqliteDeskOrders, type DeskOrdersRepository } from './desk-orders';
import { createSqliteDeskSettings, type DeskSettingsRepository } from './desk-settings';
import { createSqliteLimits, type LimitsRepository } from './limits';
import { createSqliteFavourites, type FavouritesRepository } from './favourites';
import { IN_PROCESS_SHARED_STATE, type SharedState } from './shared-state';
import { createSqliteApprovals, type ApprovalsRepository } from './approvals';
import { createSqliteSecondFactor, createSqliteSessions, type SecondFactorRepository, type SessionsRepository } from './member-security';
import { createSqliteMemberSettings, type MemberSettingsRepository } from './member-settings';

/**
 * The desk's storage, seen only through repositories: no caller writes SQL, so a Postgres
 * implementation of this interface can sit beside the SQLite one when the desk runs on several
 * instances. New tables (limits, audit log, idempotency keys) arrive as a migration plus a
 * repository property here.
 */
export interface DeskDb {
  readonly kind: 'sqlite' | 'postgres';
  readonly members: MembersRepository;
  readonly limits: LimitsRepository;
  readonly deskSettings: DeskSettingsRepository;
  readonly deskOrders: DeskOrdersRepository;
  readonly audit: AuditRepository;
  readonly favourites: FavouritesRepository;
  /** What several desk processes on this store must share (signer turn, REST counter, named locks); see shared-state.ts */
  readonly shared: SharedState;
  /** four-eyes approval requests (lib/approvals) */
  readonly approvals: ApprovalsRepository;
  readonly sessions: SessionsRepository;
  readonly secondFactor: SecondFactorRepository;
  readonly memberSettings: MemberSettingsRepository;
  /** Resolves once the store is connected and migrated (SQLite: at once); rejects with the reason it is not. */
  ready(): Promise<void>;
  close(): Promise<void>;
}

export interface OpenDatabaseOptions {
  /** Clock for created_at/updated_at stamps (tests pin it). */
  now?: () => Date;
  /** PostgreSQL only: connections in the pool (default 10). */
  poolSize?: number;
}

/**
 * Opens (creating the folder and file if needed) the SQLite database at `path`, turns on WAL and
 * foreign keys, and applies pending migrations. Safe to call on every start. `:memory:` works for tests.
 */
export function openDatabase(path: string, options: OpenDatabaseOptions = {}): DeskDb {
  if (path !== ':memory:') createPrivately(path);
  const sqlite = new Database(path);
  try {
    sqlite.pragma('journal_mode = WAL');
    if (path !== ':memory:') restrictSidecars(path);
    sqlite.pragma('foreign_keys = ON');
    // The server and the member CLI may write at the same moment: wait for the lock, don't fail.
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('synchronous = NORMAL');
    runMigrations(sqlite);
  } catch (error) {
    sqlite.close();
    throw error;
  }
  return {
    kind: 'sqlite',
    members: createSqliteMembers(sqlite, options.now),
    limits: createSqliteLimits(sqlite, options.now),
    deskSettings: createSqliteDeskSettings(sqlite, options.now),
    deskOrders: createSqliteDeskOrders(sqlite, options.now),
    audit: createSqliteAudit(sqlite, options.now),
    favourites: createSqliteFavourites(sqlite, options.now),
    shared: IN_PROCESS_SHARED_STATE,
    approvals: createSqliteApprovals(sqlite, options.now),
    sessions: createSqliteSessions(sqlite, options.now),
    secondFactor: createSqliteSecondFactor(sqlite, options.now),
    memberSettings: createSqliteMemberSettings(sqlite, options.now),
    ready: async () => {},
    // async so both stores close alike; the SQLite handle is closed before this returns.
    close: async () => {
      sqlite.close();
    },
  };
}

/**
 * The database holds password hashes and the audit log: only the desk's own user may read it. The file
 * is created 0600 before SQLite opens it (SQLite gives its -wal and -shm files the database file's
 * mode), and an older, looser file is tightened on the next start.
 */
function createPrivately(path: string): void {
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  chmodSync(path, 0o600);
}

function restrictSidecars(path: string): void {
  for (const sidecar of [`${path}-wal`, `${path}-shm`]) {
    // a runtime path: without the comment Turbopack traces the whole project into the server output
    if (existsSync(/*turbopackIgnore: true*/ sidecar)) chmodSync(/*turbopackIgnore: true*/ sidecar, 0o600);
  }
}
