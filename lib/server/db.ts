import 'server-only';
import type { DeskDb } from '../db';
import { deskServices } from '../desk-services';

/** The desk database (DATABASE_URL, else DATABASE_PATH): the one the process registry opened. */
export function getDb(): DeskDb {
  return deskServices().db;
}
