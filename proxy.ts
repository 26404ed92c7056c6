import { NextResponse, type NextRequest } from 'next/server';
import { noteRefusal, refusalWindow } from './lib/auth/refusal-audit';
import { deskServices } from './lib/desk-services';
import { loadEnv } from './lib/env';
import { AppError } from './lib/errors';
import { log } from './lib/log';
import { createOriginPolicy } from './lib/origin';
import { contentSecurityPolicy, HSTS, newNonce } from './lib/security-headers';
import { memberFromCookieHeader, resolveSessionPassword, sessionLimitsOf } from './lib/session';

/**
 * Runs before every page, route handler and server action, under the custom server and `next start`
 * alike: a fresh CSP nonce per request (Next reads it from the request's CSP header and stamps its own
 * scripts), HSTS on https desks, and server actions from a missing or foreign Origin refused with 403
 * `cross_origin` like the JSON API (Next's own check would answer 500) and audited when they carry a
 * member's cookie. The action wrapper (lib/http/handler.ts) checks Origin again for any action that reaches it.
 */

let policy: { isAllowedOrigin: (origin: string | null) => boolean; https: boolean } | undefined;

function deskPolicy() {
  if (!policy) {
    const env = loadEnv();
    policy = { isAllowedOrigin: createOriginPolicy(env), https: env.PUBLIC_ORIGIN?.startsWith('https:') ?? false };
  }
  return policy;
}

export async function proxy(request: NextRequest): Promise<NextResponse> {
  const { isAllowedOrigin, https } = deskPolicy();
  if (request.method === 'POST' && request.headers.has('next-action') && !isAllowedOrigin(request.headers.get('origin'))) {
    await auditForgedAction(request);
    const refusal = new AppError('cross_origin');
    return withHsts(
      NextResponse.json({ error: { code: refusal.code, message: refusal.message } }, { status: refusal.status, headers: { 'Cache-Control': 'no-store' } }),
      https,
    );
  }
  const nonce = newNonce();
  const csp = contentSecurityPolicy({ nonce, host: request.headers.get('host'), dev: process.env.NODE_ENV === 'development', https });
  const headers = new Headers(request.headers);
  headers.set('x-nonce', nonce);
  headers.set('Content-Security-Policy', csp);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set('Content-Security-Policy', csp);
  return withHsts(response, https);
}

/**
 * A server action from a foreign or missing Origin that carries a member's cookie is a forgery attempt
 * against that member: audited like the action wrapper's refusals (aggregated per minute). Needs the custom
 * server's services (database, session password); without them the request is only refused.
 */
async function auditForgedAction(request: NextRequest): Promise<void> {
  try {
    const { db, env } = deskServices();
    const member = await memberFromCookieHeader(db, request.headers.get('cookie'), resolveSessionPassword(env), { limits: sessionLimitsOf(env) });
    if (!member) return;
    const origin = request.headers.get('origin');
    await noteRefusal(refusalWindow(() => db.audit), member, `server action ${request.nextUrl.pathname}`, 'cross_origin', { origin: origin?.slice(0, 200) ?? null });
  } catch (error) {
    // Next 16 runs proxy.ts on the Node.js runtime only, so the desk's pino logger (redaction included) works here
    log.error({ err: error, path: request.nextUrl.pathname }, 'proxy: could not audit a refused server action');
  }
}

function withHsts(response: NextResponse, https: boolean): NextResponse {
  if (https) response.headers.set('Strict-Transport-Security', HSTS);
  return response;
}

export const config = {
  // Static build output needs no nonce (and gets its headers from next.config.js). Neither do the JSON API's
  // answers: next.config.js gives them a fixed `default-src 'none'` policy and the route wrapper adds HSTS, which
  // spares every API call the proxy's pass (about 1 ms of the order path).
  matcher: ['/((?!api/|_next/static|_next/image|favicon.ico|icon.svg|readme/).*)'],
};
