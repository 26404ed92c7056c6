import 'server-only';
import { headers } from 'next/headers';
import { notFound, redirect } from 'next/navigation';
import { requestPathFrom, safeNextPath } from '../auth/request-context';
import { roleAtLeast, type Role } from '../auth/roles';
import type { Member } from '../db';
import { currentMember } from './session';

/**
 * For pages, layouts and server actions: the signed-in member with at least `minRole`.
 * Not signed in → redirect to /login?next=<this page>. Role too low → 404, so pages a member may
 * not use do not even reveal that they exist. Every page checks on its own; the desk layout's
 * check is not relied on.
 */
export async function requireMember(minRole: Role = 'viewer', options: { from?: string } = {}): Promise<Member> {
  const member = await currentMember();
  if (!member) {
    const from = safeNextPath(options.from ?? requestPathFrom(await headers()));
    redirect(from && from !== '/' ? `/login?next=${encodeURIComponent(from)}` : '/login');
  }
  if (!roleAtLeast(member.role, minRole)) notFound();
  return member;
}
