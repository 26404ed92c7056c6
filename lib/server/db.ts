import 'server-only';
import { getSharedDatabase, type DeskDb } from '../db';
import { getEnv } from './env';

/** The desk database (DATABASE_PATH), shared with the custom server's connection. */
export function getDb(): DeskDb {
  return getSharedDatabase(getEnv().DATABASE_PATH);
}
