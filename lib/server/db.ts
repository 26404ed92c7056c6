import 'server-only';
import { getSharedDatabase, type DeskDb } from '../db';
import { getEnv } from './env';

/** The desk database (DATABASE_URL, else DATABASE_PATH), shared with the custom server's connection. */
export function getDb(): DeskDb {
  return getSharedDatabase(getEnv());
}
