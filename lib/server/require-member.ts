import 'server-only';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { ENROL_PATH } from '../auth/reauth';
import { requestPathFrom, safeNextPath } from '../auth/request-context';
import { roleAtLeast, type Role } from '../auth/roles';
import { sessionAuthOf } from '../auth/session-auth';
import type { Member } from '../db';
import { currentMember } from './session';

/**
 * For pages, layouts and server actions: the signed-in member with at least `minRole`.
 * Not signed in → redirect to /login?next=<this page>. Role too low → 404, so pages a member may
 * not use do not even reveal that they exist. A member whose role must enrol a second factor and has
 * not is sent to enrolment before anything else (`allowUnenrolled` only for that page and the layout).
 * Every page checks on its own; the desk layout's check is not relied on.
 */
export async function requireMember(minRole: Role = 'viewer', options: { from?: string; allowUnenrolled?: boolean } = {}): Promise<Member> {
  const member = await currentMember();
  if (!member) {
    const from = safeNextPath(options.from ?? requestPathFrom(await headers()));
    redirect(from && from !== '/' ? `/login?next=${encodeURIComponent(from)}` : '/login');
  }
  if (!options.allowUnenrolled && sessionAuthOf(member)?.mustEnrol) redirect(ENROL_PATH);
  if (!roleAtLeast(member.role, minRole)) notFound();
  return member;
}
