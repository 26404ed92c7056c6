import 'server-only';
import type { z } from 'zod';
import { handleWithMember, type MemberHandler } from '../auth/member-handler';
import type { Role } from '../auth/roles';
import { currentMember } from './session';

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
      handler: (withBody ? maybeHandler : optionsOrHandler) as MemberHandler<Params, Body>,
    });
}
