'use server';

import { redirect } from 'next/navigation';
import { endAllSessions } from '@/lib/auth/end-sessions';
import { sessionAuthOf } from '@/lib/auth/session-auth';
import { deskServices } from '@/lib/desk-services';
import { CLOSE_CODES } from '@/lib/protocol';
import { recordAuditEvent } from '@/lib/server/account';
import { getDb } from '@/lib/server/db';
import { currentMember, getSession } from '@/lib/server/session';

const SIGN_OUT_SOCKET_GRACE_MS = 2000;

/**
 * "Sign out": ends this browser's session (its row, so a copy of the cookie dies with it) and clears the
 * cookie. The member's other browsers stay signed in; this one's feed sockets are closed by the member watch.
 */
export async function logout(): Promise<void> {
  const session = await getSession();
  const member = await currentMember();
  const auth = member ? sessionAuthOf(member) : undefined;
  if (member && auth) {
    await getDb().sessions.end(auth.sessionId, 'signed out');
    await recordAuditEvent({ id: member.id, username: member.username }, 'logout');
  }
  session.destroy();
  redirect('/login');
}

/** "Sign out everywhere": ends every session of this member, in every browser, and closes their feed sockets. */
export async function logoutEverywhere(): Promise<void> {
  const session = await getSession();
  const member = await currentMember();
  if (member) {
    const { ended } = await endAllSessions(getDb(), member.id, 'signed out everywhere');
    await recordAuditEvent({ id: member.id, username: member.username }, 'logout.everywhere', { sessions: ended });
    // The delay lets this tab follow its own redirect to /login first instead of racing it with the socket's
    // "unauthorized" redirect; the member watch would close them within seconds anyway.
    const memberId = member.id;
    setTimeout(() => deskServices().hub.disconnectMember(memberId, CLOSE_CODES.unauthorized, 'signed out everywhere'), SIGN_OUT_SOCKET_GRACE_MS).unref();
  }
  session.destroy();
  redirect('/login');
}
