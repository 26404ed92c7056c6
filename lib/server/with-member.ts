import 'server-only';
import { headers } from 'next/headers';
import type { z } from 'zod';
import { handleWithMember, type MemberHandler } from '../auth/member-handler';
import { noteRefusal } from '../auth/refusal-audit';
import { requestPathFrom } from '../auth/request-context';
import type { Role } from '../auth/roles';
import type { ActionGate, RefusalRecorder } from '../orders/http';
import { deskServices } from '../desk-services';
import { currentMember } from './session';
import { getRefusalWindow } from './throttle';

/** Whether `origin` is the desk's own (PUBLIC_ORIGIN, loopback spellings, ALLOWED_ORIGINS): the registry's policy. */
export function isDeskOrigin(origin: string | null): boolean {
  return deskServices().isAllowedOrigin(origin);
}

/** Audits a signed-in member's refused attempt: one row per member/reason/attempt per minute, with a count. */
export const recordRefusal: RefusalRecorder = (member, what, reason, detail) => noteRefusal(getRefusalWindow(), member, what, reason, detail);

/**
 * What every server action passes to runAction (lib/orders/http.ts): the member, the Origin header
 * judged like the JSON API's, and refusals audited. The attempt is named by the page it was posted to.
 */
export const actionGate: ActionGate = {
  currentMember,
  origin: async () => (await headers()).get('origin'),
  isAllowedOrigin: isDeskOrigin,
  describe: async () => {
    const path = requestPathFrom(await headers());
    return path ? `server action ${path.split('?')[0]}` : 'server action';
  },
  refused: recordRefusal,
};

/** Next's second route-handler argument. */
interface RouteContext<Params> {
  params: Promise<Params>;
}

type RouteHandler<Params> = (req: Request, ctx: RouteContext<Params>) => Promise<Response>;

/**
 * The one wrapper for every route handler: session → live member → role → optional zod-validated
 * JSON body → handler, with AppError/zod errors mapped to `{ error: { code, message } }`,
 * 401/403 answered here, `Cache-Control: no-store` always, and unexpected errors → generic 500.
 *
 *   export const GET = withMember('viewer', async (req, { member }) => Response.json(...));
 *   export const POST = withMember('trader', { body: ticketSchema }, async (req, { member, body }) => ...);
 */
export function withMember<Params = Record<string, string>>(
  minRole: Role,
  handler: MemberHandler<Params, undefined>,
): RouteHandler<Params>;
export function withMember<Body, Params = Record<string, string>>(
  minRole: Role,
  options: { body: z.ZodType<Body> },
  handler: MemberHandler<Params, Body>,
): RouteHandler<Params>;
export function withMember<Body, Params>(
  minRole: Role,
  optionsOrHandler: { body: z.ZodType<Body> } | MemberHandler<Params, undefined>,
  maybeHandler?: MemberHandler<Params, Body>,
): RouteHandler<Params> {
  const withBody = typeof optionsOrHandler !== 'function';
  return async (req, ctx) =>
    handleWithMember<Params, Body>({
      req,
      params: await ctx.params,
      minRole,
      body: withBody ? optionsOrHandler.body : undefined,
      currentMember,
      onForbidden: (member) => recordRefusal(member, `${req.method} ${new URL(req.url).pathname}`, 'forbidden', { role: member.role, needs: minRole }),
      handler: (withBody ? maybeHandler : optionsOrHandler) as MemberHandler<Params, Body>,
    });
}
