import { openDatabase, type DeskDb, type OpenDatabaseOptions } from './database';
import { isPostgresUrl } from './postgres/constants';
import { openPostgresDatabase } from './postgres/database';

export { isPostgresUrl };

/** Where the desk's data lives: DATABASE_URL (PostgreSQL) when set, else the SQLite file DATABASE_PATH. */
export function databaseLocation(env: { DATABASE_URL?: string; DATABASE_PATH: string }): string {
  return env.DATABASE_URL ?? env.DATABASE_PATH;
}

/** Opens the store at `location`: a `postgres://` URL selects PostgreSQL, anything else is a SQLite file path. */
export function openDeskDatabase(location: string, options: OpenDatabaseOptions = {}): DeskDb {
  return isPostgresUrl(location) ? openPostgresDatabase(location, options) : openDatabase(location, options);
}
