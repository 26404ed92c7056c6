import { z } from 'zod';
import { errorResponse, handleWithMember, type MemberContext } from '../auth/member-handler';
import { requireEnrolmentDone } from '../auth/reauth';
import { roleAtLeast, type Role } from '../auth/roles';
import type { Member } from '../db/members';
import { AppError } from '../errors';
import { CROSS_ORIGIN_MESSAGE } from '../origin';
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
  /** Records a signed-in member's refused attempt (wrong role, bad Origin); see RefusalRecorder. */
  refused?: RefusalRecorder;
}

/**
 * Audits a request the wrappers turned down for a signed-in member: `what` names the attempt
 * (`POST /api/orders`, `server action /admin`), `reason` the refusal code (`forbidden`, `cross_origin`).
 * Implementations aggregate (one row per member/reason/attempt per window), so refusals cannot flood the log.
 */
export type RefusalRecorder = (member: Member, what: string, reason: string, detail: Record<string, unknown>) => Promise<void> | void;

/** Records a refusal without ever letting the audit write change the answer. */
async function recordRefusal(recorder: RefusalRecorder | undefined, member: Member | null, what: string, reason: string, detail: Record<string, unknown>) {
  if (!recorder || !member) return;
  try {
    await recorder(member, what, reason, detail);
  } catch (error) {
    console.error(`[audit] could not record a refusal: ${error instanceof Error ? error.message : String(error)}`);
  }
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

const CROSS_ORIGIN = new AppError('cross_origin', 403, CROSS_ORIGIN_MESSAGE);

/**
 * Runs a route: Origin check for mutations (cross-site or missing → 403), then the shared `withMember` core
 * (session 401 → role 403 → JSON body 415/400 → handler), with the fat-finger 409 carrying its preview.
 */
export async function handleRoute<Body, Params, Svc>(spec: RouteSpec<Body, Params, Svc>, req: Request, params: Params, env: RouteEnv<Svc>): Promise<Response> {
  const what = `${req.method} ${new URL(req.url).pathname}`;
  const origin = req.headers.get('origin');
  if (spec.mutation && !env.isAllowedOrigin(origin)) {
    await recordRefusal(env.refused, await env.currentMember().catch(() => null), what, CROSS_ORIGIN.code, { origin: origin?.slice(0, 200) ?? null });
    return errorResponse(CROSS_ORIGIN, req);
  }
  return handleWithMember<Params, Body>({
    req,
    params,
    minRole: spec.role,
    body: spec.body,
    currentMember: env.currentMember,
    onForbidden: (member) => recordRefusal(env.refused, member, what, 'forbidden', { role: member.role, needs: spec.role }),
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

/** What server actions need from the request: the member, the Origin header and how to judge it. */
export interface ActionGate {
  currentMember: () => Promise<Member | null>;
  /** The request's Origin header (Next side: from next/headers). */
  origin: () => Promise<string | null>;
  isAllowedOrigin: (origin: string | null) => boolean;
  /** Names the attempt in refusal rows, e.g. `server action /admin`. */
  describe?: () => Promise<string>;
  refused?: RefusalRecorder;
}

/**
 * The same checks as the API for server actions: same-origin Origin (missing or foreign → 403
 * `cross_origin`, like the JSON API) → live member → role → zod → work, errors as values. Refusals of
 * signed-in members for Origin or role are audited through `gate.refused`.
 */
export async function runAction<Input, T>(
  gate: ActionGate,
  minRole: Role,
  schema: z.ZodType<Input>,
  input: unknown,
  work: (member: Member, input: Input) => Promise<T>,
): Promise<ActionResult<T>> {
  try {
    const origin = await gate.origin();
    const member = await gate.currentMember();
    const what = async () => (gate.describe ? await gate.describe() : 'server action');
    if (!gate.isAllowedOrigin(origin)) {
      await recordRefusal(gate.refused, member, await what(), CROSS_ORIGIN.code, { origin: origin?.slice(0, 200) ?? null });
      throw CROSS_ORIGIN;
    }
    if (!member) throw new AppError('unauthenticated', 401, 'Sign in to continue.');
    if (!roleAtLeast(member.role, minRole)) {
      await recordRefusal(gate.refused, member, await what(), 'forbidden', { role: member.role, needs: minRole });
      throw new AppError('forbidden', 403, `This needs the ${minRole} role or higher.`);
    }
    requireEnrolmentDone(member);
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
