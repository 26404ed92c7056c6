import { z } from 'zod';
import { errorResponse, handleWithMember, type MemberContext } from '../auth/member-handler';
import { roleAtLeast, type Role } from '../auth/roles';
import type { Member } from '../db/members';
import { AppError } from '../errors';
import { ConfirmationRequiredError } from './place';

/** One API route: who may call it, whether it mutates, its JSON body and its handler. */
export interface RouteSpec<Body = undefined, Params = Record<string, string>, Svc = unknown> {
  role: Role;
  /** mutations need a same-origin `Origin` header, and a JSON body type when they carry a body */
  mutation: boolean;
  body?: z.ZodType<Body>;
  handle(service: Svc, req: Request, ctx: MemberContext<Params, Body>): Promise<Response>;
}

export interface RouteEnv<Svc> {
  currentMember: () => Promise<Member | null>;
  isAllowedOrigin: (origin: string | null) => boolean;
  service: () => Svc;
}

/**
 * Next bundles route handlers and server actions separately, so the process-wide order service may have been
 * built from another bundle's copy of these classes and `instanceof` fails across that line. Errors are therefore
 * recognised by shape (AppError's name, code and status) and re-created locally.
 */
function asAppError(error: unknown): AppError | undefined {
  if (error instanceof AppError) return error;
  if (!(error instanceof Error) || error.name !== 'AppError') return undefined;
  const { code, status } = error as { code?: unknown; status?: unknown };
  return typeof code === 'string' && typeof status === 'number' ? new AppError(code, status, error.message) : undefined;
}

/** The fat-finger refusal (a ConfirmationRequiredError from any bundle) and its preview. */
function confirmationOf(error: unknown): { message: string; preview: unknown } | undefined {
  if (error instanceof ConfirmationRequiredError) return { message: error.message, preview: error.preview };
  const app = asAppError(error);
  if (app?.code !== 'confirmation_required' || !(error instanceof Error) || !('preview' in error)) return undefined;
  return { message: app.message, preview: (error as { preview: unknown }).preview };
}

const CROSS_ORIGIN = new AppError('cross_origin', 403, 'This request must come from the desk itself (same-origin Origin header).');

/**
 * Runs a route: Origin check for mutations (cross-site or missing → 403), then the shared `withMember` core
 * (session 401 → role 403 → JSON body 415/400 → handler), with the fat-finger 409 carrying its preview.
 */
export async function handleRoute<Body, Params, Svc>(spec: RouteSpec<Body, Params, Svc>, req: Request, params: Params, env: RouteEnv<Svc>): Promise<Response> {
  if (spec.mutation && !env.isAllowedOrigin(req.headers.get('origin'))) return errorResponse(CROSS_ORIGIN, req);
  return handleWithMember<Params, Body>({
    req,
    params,
    minRole: spec.role,
    body: spec.body,
    currentMember: env.currentMember,
    handler: async (request, ctx) => {
      try {
        return await spec.handle(env.service(), request, ctx);
      } catch (error) {
        const confirmation = confirmationOf(error);
        if (confirmation) return Response.json({ error: { code: 'confirmation_required', ...confirmation } }, { status: 409 });
        throw asAppError(error) ?? error;
      }
    },
  });
}

/** The result shape server actions return (they cannot throw AppErrors across to the browser). */
export type ActionResult<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; preview?: unknown; issues?: { path: string; message: string }[] } };

/**
 * The same checks as the API for server actions: live member → role → zod → work, errors as values.
 * Next checks server actions' Origin itself, so no Origin check here.
 */
export async function runAction<Input, T>(
  currentMember: () => Promise<Member | null>,
  minRole: Role,
  schema: z.ZodType<Input>,
  input: unknown,
  work: (member: Member, input: Input) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    const member = await currentMember();
    if (!member) throw new AppError('unauthenticated', 401, 'Sign in to continue.');
    if (!roleAtLeast(member.role, minRole)) throw new AppError('forbidden', 403, `This needs the ${minRole} role or higher.`);
    const parsed = schema.safeParse(input);
    if (!parsed.success) {
      const issues = parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
      const first = issues[0];
      return { ok: false, error: { code: 'invalid_request', message: first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : 'The request is not valid.', issues } };
    }
    return { ok: true, data: await work(member, parsed.data) };
  } catch (error) {
    const confirmation = confirmationOf(error);
    if (confirmation) return { ok: false, error: { code: 'confirmation_required', ...confirmation } };
    const app = asAppError(error);
    if (app) return { ok: false, error: { code: app.code, message: app.message } };
    console.error(`[action] failed: ${error instanceof Error ? error.message : String(error)}`);
    return { ok: false, error: { code: 'internal', message: 'Something went wrong on the desk. Try again; if it keeps happening, tell an admin.' } };
  }
}
