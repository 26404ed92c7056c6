import 'server-only';
import { headers } from 'next/headers';
import { runAccountAction, type AccountResult } from '../auth/account-action';
import { z } from 'zod';
import { CROSS_ORIGIN_MESSAGE } from '../origin';
import type { Member } from '../db';
import { clientIpFrom } from '../auth/request-context';
import { reauthenticate, type ReauthInput } from '../auth/reauthenticate';
import { getDb } from './db';
import { secondFactorDeps } from './second-factor';
import { currentMember } from './session';
import { getLoginThrottle } from './throttle';
import { isDeskOrigin, withMember } from './with-member';

/** Next's side of the member's own security actions (see runAccountAction). */
export function accountAction<Input, T>(schema: z.ZodType<Input>, input: unknown, work: (member: Member, input: Input) => Promise<T>): Promise<AccountResult<T>> {
  return runAccountAction(
    { currentMember, origin: async () => (await headers()).get('origin'), isAllowedOrigin: isDeskOrigin },
    schema, input, work,
  );
}

export async function requestIp(): Promise<string> {
  return clientIpFrom(await headers());
}

/** Re-authenticates the signed-in member in this browser (password, or their code). */
export async function reauthenticateHere(member: Member, input: ReauthInput) {
  return reauthenticate({ db: getDb(), loginThrottle: getLoginThrottle(), secondFactor: secondFactorDeps() }, member, input, await requestIp());
}

const reauthBody = z.object({ password: z.string().max(1024).optional(), code: z.string().max(40).optional() }).strict();

/**
 * POST /api/auth/reauth `{password}` or `{code}` (same-origin): for API clients, what the "confirm it's you"
 * dialog does for the web UI. Answers 204; a wrong password or code 400, too many 429.
 */
export async function reauthRoute(req: Request, ctx: { params: Promise<Record<string, string>> }): Promise<Response> {
  if (!isDeskOrigin(req.headers.get('origin'))) {
    return Response.json({ error: { code: 'cross_origin', message: CROSS_ORIGIN_MESSAGE } }, { status: 403, headers: { 'Cache-Control': 'no-store' } });
  }
  return withMember('viewer', { body: reauthBody }, async (request, { member, body }) => {
    await reauthenticate({ db: getDb(), loginThrottle: getLoginThrottle(), secondFactor: secondFactorDeps() }, member, body, clientIpFrom(request.headers));
    return new Response(null, { status: 204 });
  })(req, ctx);
}
