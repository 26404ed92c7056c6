import { sessionAuthOf, sessionExpiry, type SessionLimits } from '../../lib/auth/session-auth';
import type { DeskDb } from '../../lib/db/database';
import { memberFromCookieHeader } from '../../lib/session';
import type { HubMember } from './access';
import type { MemberRecord } from './member-watch';

/**
 * How both feed transports (`/ws`, SSE) judge browsers by their session: the cookie's member and session row at
 * connect time, and every second (the member watch) whether that row is still live. A session signed out (here
 * or everywhere), idle past the idle timeout or past its absolute lifetime takes its sockets with it, whichever
 * process ended it (the web UI, or `npm run user` writing the same database).
 */
export function feedSessions(db: DeskDb, sessionPassword: string, limits: SessionLimits, now: () => number = Date.now) {
  return {
    async authenticate(cookieHeader: string | null | undefined): Promise<HubMember | null> {
      const member = await memberFromCookieHeader(db, cookieHeader, sessionPassword, { limits, now });
      const auth = member ? sessionAuthOf(member) : undefined;
      // a member who must enrol a second factor first gets no feed either (their pages send them to enrolment)
      if (!member || !auth || auth.mustEnrol) return null;
      return { memberId: member.id, username: member.username, role: member.role, sessionVersion: member.sessionVersion, sessionId: auth.sessionId };
    },
    async lookup(id: number): Promise<MemberRecord | null> {
      const member = await db.members.findById(id);
      if (!member) return null;
      // a member the desk now requires to enrol a second factor keeps no feed until they have
      const mustEnrol = (await db.secondFactor.requiredRoles()).includes(member.role) && !(await db.secondFactor.get(id))?.confirmedAt;
      const liveSessions = mustEnrol ? [] : (await db.sessions.live(id)).filter((s) => sessionExpiry(s, limits, now()) === null).map((s) => s.id);
      return { role: member.role, disabled: member.disabled, sessionVersion: member.sessionVersion, liveSessions };
    },
  };
}
