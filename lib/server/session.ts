import 'server-only';
import { getIronSession, type IronSession } from 'iron-session';
import { cookies } from 'next/headers';
import { cache } from 'react';
import type { Member } from '../db';
import {
  cookieSecureFor, publicOriginOf, resolveMember, resolveSessionPassword, sessionLimitsOf, sessionOptions, type DeskCookie,
} from '../session';
import { getDb } from './db';
import { getEnv } from './env';

let options: ReturnType<typeof sessionOptions> | undefined;

function deskSessionOptions() {
  // The custom server resolved (and in demo mode, created) the password before Next started,
  // so here this only reads SESSION_PASSWORD or the stored file.
  options ??= (() => {
    const env = getEnv();
    return sessionOptions(resolveSessionPassword(env), { secure: cookieSecureFor(publicOriginOf(env)) });
  })();
  return options;
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
  const session = await getSession();
  return resolveMember(getDb(), session, { limits: sessionLimitsOf(getEnv()) });
});
