import { resolve } from 'node:path';
import { processEntry } from '../desk-services';
import type { DeskDb } from './database';
import { databaseLocation, isPostgresUrl, openDeskDatabase } from './open';

/**
 * One open database per location for the whole process: an entry of the process registry
 * (lib/desk-services.ts), so every bundle shares one connection (SQLite) or one pool (PostgreSQL)
 * instead of racing two.
 */
function cache(): Map<string, DeskDb> {
  return processEntry('databases', () => new Map());
}

/**
 * Returns the process-wide database, opening it on first use: pass the env (DATABASE_URL wins over
 * DATABASE_PATH), a `postgres://` URL or a SQLite path. SQLite migrates here; PostgreSQL connects and
 * migrates on first use (await `db.ready()` to fail fast).
 */
export function getSharedDatabase(target: string | { DATABASE_URL?: string; DATABASE_PATH: string }): DeskDb {
  const location = typeof target === 'string' ? target : databaseLocation(target);
  const key = location === ':memory:' || isPostgresUrl(location) ? location : resolve(location);
  const existing = cache().get(key);
  if (existing) return existing;
  const db = openDeskDatabase(location);
  cache().set(key, db);
  return db;
}

/** Closes and forgets every shared database (server shutdown). */
export async function closeSharedDatabases(): Promise<void> {
  const open = [...cache().values()];
  cache().clear();
  await Promise.all(open.map((db) => db.close()));
}
