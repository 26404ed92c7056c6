import { NextResponse, type NextRequest } from 'next/server';
import { loadEnv } from './lib/env';
import { createOriginPolicy } from './lib/origin';
import { contentSecurityPolicy, HSTS, newNonce } from './lib/security-headers';

/**
 * Runs before every page, route handler and server action, under the custom server and `next start`
 * alike: a fresh CSP nonce per request (Next reads it from the request's CSP header and stamps its own
 * scripts), HSTS on https desks, and server actions from a missing or foreign Origin refused with 403
 * `cross_origin` like the JSON API (Next's own check would answer 500). runAction checks Origin again
 * (and audits a member's refusal) for any action that reaches it.
 */

let policy: { isAllowedOrigin: (origin: string | null) => boolean; https: boolean } | undefined;

function deskPolicy() {
  if (!policy) {
    const env = loadEnv();
    policy = { isAllowedOrigin: createOriginPolicy(env), https: env.PUBLIC_ORIGIN?.startsWith('https:') ?? false };
  }
  return policy;
}

export function proxy(request: NextRequest): NextResponse {
  const { isAllowedOrigin, https } = deskPolicy();
  if (request.method === 'POST' && request.headers.has('next-action') && !isAllowedOrigin(request.headers.get('origin'))) {
    return withHsts(
      NextResponse.json(
        { error: { code: 'cross_origin', message: 'This request must come from the desk itself (same-origin Origin header).' } },
        { status: 403, headers: { 'Cache-Control': 'no-store' } },
      ),
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

function withHsts(response: NextResponse, https: boolean): NextResponse {
  if (https) response.headers.set('Strict-Transport-Security', HSTS);
  return response;
}

export const config = {
  // Static build output needs no nonce (and gets its headers from next.config.js).
  matcher: ['/((?!_next/static|_next/image|favicon.ico|icon.svg|readme/).*)'],
};
