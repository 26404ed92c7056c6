import type { DeskDb } from '../db/database';
import type { Member } from '../db/members';

/**
 * Ends every session of a member: the session version moves on (every cookie they hold, a half-finished
 * sign-in included, stops working) and every session row is ended with `reason`. Open feed sockets follow
 * through the member watch (server/hub/member-watch.ts), whichever process made the change.
 */
export async function endAllSessions(db: Pick<DeskDb, 'members' | 'sessions'>, memberId: number, reason: string): Promise<{ member: Member; ended: number }> {
  const member = await db.members.bumpSessionVersion(memberId);
  const ended = await db.sessions.endAll(memberId, reason);
  return { member, ended };
}
