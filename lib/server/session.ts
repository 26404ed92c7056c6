import 'server-only';
import { getIronSession, type IronSession } from 'iron-session';
import { cookies } from 'next/headers';
import { cache } from 'react';
import type { Member } from '../db';
import { deskServicesReady } from '../desk-services';
import {
  cookieSecureFor, publicOriginOf, resolveMember, SESSION_COOKIE_NAME, sessionLimitsOf, sessionOptions, unsealSessionCookie,
  type DeskCookie,
} from '../session';
import { getDb } from './db';
import { getEnv } from './env';

function deskSessionOptions() {
  // The registry's env carries the password it resolved (in demo mode, created) when it was built.
  const env = getEnv();
  return sessionOptions(env.SESSION_PASSWORD as string, { secure: cookieSecureFor(publicOriginOf(env)) });
}

/** The iron-session for this request; empty until login saves it. Writable only in actions and route handlers. */
export async function getSession(): Promise<IronSession<DeskCookie>> {
  return getIronSession<DeskCookie>(await cookies(), deskSessionOptions());
}

/**
 * The live signed-in member for this request (with its session attached, see lib/auth/session-auth.ts), or
 * null. Cached per request so a layout and its page checking on their own cost one lookup.
 */
export const currentMember = cache(async (): Promise<Member | null> => {
  // Read the cookie first: that marks the page dynamic, so `next build` never prerenders it and
  // never needs the runtime configuration (database path, session password).
  // The cookie as getSession() would unseal it, without building a writable session (and through the cache of
  // verified seals: lib/session-unseal.ts); every request reads the member and session rows afresh below.
  const seal = (await cookies()).get(SESSION_COOKIE_NAME)?.value;
  const session = seal ? await unsealSessionCookie(seal, getEnv().SESSION_PASSWORD as string) : null;
  // Every page, route and action asks this first: none reads members before migrations ran and demo members
  // exist (already so for every request; instrumentation.ts and the custom server start the services first).
  await deskServicesReady();
  return resolveMember(getDb(), session, { limits: sessionLimitsOf(getEnv()) });
});
