import { join } from 'node:path';
import Database from 'better-sqlite3';

/**
 * The e2e desk's members, changed as `npm run user` would (its SQLite file, beside the running desk), for the specs
 * of issue 12: extra members, and a member's last sign-in or re-authentication moved into the past.
 */
export const deskDbPath = (): string => join(process.env.E2E_DATA_DIR!, `desk-${Number(process.env.E2E_PORT ?? 3310)}.sqlite`);

/** Moves this member's last sign-in/re-authentication `minutes` into the past, in every browser. */
export function ageConfirmation(username: string, minutes: number): void {
  const db = new Database(deskDbPath());
  try {
    db.prepare('UPDATE member_sessions SET auth_at = ? WHERE member_id = (SELECT id FROM members WHERE username = ?)')
      .run(new Date(Date.now() - minutes * 60_000).toISOString(), username);
  } finally {
    db.close();
  }
}
