import type { DeskDb } from '../db/database';
import { AppError } from '../errors';
import { hashPassword } from './password';
import type { Role } from './roles';

export const DEMO_PASSWORD = 'kraken-demo';

export const DEMO_MEMBERS: readonly { username: string; role: Role }[] = [
  { username: 'admin', role: 'admin' },
  { username: 'trader', role: 'trader' },
  { username: 'viewer', role: 'viewer' },
];

/**
 * Demo mode only: makes sure members admin, trader and viewer exist with password "kraken-demo".
 * Existing members are left exactly as they are (a changed password or role survives restarts).
 * Returns the usernames it created.
 */
export async function seedDemoMembers(db: DeskDb): Promise<string[]> {
  const created: string[] = [];
  for (const { username, role } of DEMO_MEMBERS) {
    if (await db.members.findByUsername(username)) continue;
    try {
      await db.members.create({ username, role, passwordHash: await hashPassword(DEMO_PASSWORD) });
      created.push(username);
    } catch (error) {
      // Another process seeded the same name in the meantime: that is the outcome we wanted.
      if (!(error instanceof AppError && error.code === 'username_taken')) throw error;
    }
  }
  return created;
}
