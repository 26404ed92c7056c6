import { resolve } from 'node:path';
import { openDatabase, type DeskDb } from './database';

/**
 * One open database per file for the whole process. The custom server (loaded by tsx) and Next's
 * server bundle each get their own copy of this module, so the cache lives on globalThis: both
 * then share one connection instead of racing two.
 */
const CACHE = Symbol.for('kraken-desk.databases');

type Cache = Map<string, DeskDb>;

function cache(): Cache {
  const holder = globalThis as typeof globalThis & { [CACHE]?: Cache };
  holder[CACHE] ??= new Map();
  return holder[CACHE];
}

/** Returns the process-wide database for `path`, opening (and migrating) it on first use. */
export function getSharedDatabase(path: string): DeskDb {
  const key = path === ':memory:' ? path : resolve(path);
  const existing = cache().get(key);
  if (existing) return existing;
  const db = openDatabase(path);
  cache().set(key, db);
  return db;
}

/** Closes and forgets every shared database (server shutdown). */
export function closeSharedDatabases(): void {
  for (const db of cache().values()) db.close();
  cache().clear();
}
