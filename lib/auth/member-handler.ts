import { z } from 'zod';
import type { Member } from '../db/members';
import { readBoundedText } from '../bounded-body';
import { AppError } from '../errors';
import { requireEnrolmentDone } from './reauth';
import { roleAtLeast, type Role } from './roles';

/**
 * The core of `withMember` (lib/server/with-member.ts) without Next: session → member → role →
 * JSON body → handler → error mapping. Kept plain so it is tested in Node; the Next wrapper only
 * supplies how to find the signed-in member.
 */

export interface MemberContext<Params, Body> {
  member: Member;
  params: Params;
  body: Body;
}

export type MemberHandler<Params, Body> = (req: Request, ctx: MemberContext<Params, Body>) => Response | Promise<Response>;

export interface HandleOptions<Params, Body> {
  req: Request;
  params: Params;
  minRole: Role;
  /** Present for handlers that take a JSON body; validated before the handler runs. */
  body?: z.ZodType<Body>;
  currentMember: () => Promise<Member | null>;
  handler: MemberHandler<Params, Body>;
  /** Called (and awaited) when a signed-in member lacks the role, before the 403 is answered; for the audit. */
  onForbidden?: (member: Member) => Promise<void> | void;
}

/** Largest JSON body a handler accepts; tickets and admin forms are a few hundred bytes. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

export async function handleWithMember<Params, Body>(options: HandleOptions<Params, Body>): Promise<Response> {
  const { req } = options;
  try {
    const member = await options.currentMember();
    if (!member) throw new AppError('unauthenticated', 401, 'Sign in to continue.');
    if (!roleAtLeast(member.role, options.minRole)) {
      await options.onForbidden?.(member);
      throw new AppError('forbidden', 403, `This needs the ${options.minRole} role or higher.`);
    }
    requireEnrolmentDone(member);
    const body = options.body ? await readJsonBody(req, options.body) : (undefined as Body);
    return noStore(await options.handler(req, { member, params: options.params, body }));
  } catch (error) {
    return errorResponse(error, req);
  }
}

async function readJsonBody<Body>(req: Request, schema: z.ZodType<Body>): Promise<Body> {
  if (!/^application\/json\b/i.test(req.headers.get('content-type') ?? '')) {
    throw new AppError('unsupported_media_type', 415, 'Send the request body as JSON (Content-Type: application/json).');
  }
  const text = await readBodyText(req, MAX_JSON_BODY_BYTES);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new AppError('invalid_json', 400, 'The request body is not valid JSON.');
  }
  return schema.parse(json);
}

const tooLarge = () => new AppError('payload_too_large', 413, `The request body is larger than ${MAX_JSON_BODY_BYTES / 1024} KiB.`);

/** The body as text, refused with 413 as soon as it is known to exceed `limit` bytes (see readBoundedText). */
export async function readBodyText(req: Request, limit: number): Promise<string> {
  const text = await readBoundedText(req, limit);
  if (text === undefined) {
    // Next's request body: drop what is left of it (a no-op once the reader already cancelled it)
    await req.body?.cancel().catch(() => undefined);
    throw tooLarge();
  }
  return text;
}

/** "price: Must be a decimal number" — the first problem, named by its field, for a person to read. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request is not valid.';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

/** Maps anything thrown to the JSON error shape; unexpected errors are logged and answered generically. */
export function errorResponse(error: unknown, req: Request): Response {
  if (error instanceof AppError) {
    return json(error.status, { error: { code: error.code, message: error.message } });
  }
  if (error instanceof z.ZodError) {
    const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    return json(400, { error: { code: 'invalid_request', message: describeZodError(error), issues } });
  }
  // No request body, headers or cookies in the log: they may carry secrets.
  const detail = error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
  console.error(`[api] ${req.method} ${new URL(req.url).pathname} failed: ${detail}`);
  return json(500, { error: { code: 'internal', message: 'Something went wrong on the desk. Try again; if it keeps happening, tell an admin.' } });
}

function json(status: number, body: unknown): Response {
  return Response.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

/** Member-specific answers must never be cached by a browser or proxy. */
function noStore(response: Response): Response {
  try {
    response.headers.set('Cache-Control', 'no-store');
    return response;
  } catch {
    // Some responses (Response.redirect) have immutable headers: copy into a mutable one.
    const copy = new Response(response.body, response);
    copy.headers.set('Cache-Control', 'no-store');
    return copy;
  }
}
