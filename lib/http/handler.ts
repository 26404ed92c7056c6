import { z } from 'zod';
import { readBoundedText } from '../bounded-body';
import { requireEnrolmentDone, requireRecentAuth } from '../auth/reauth';
import { roleAtLeast, type Role } from '../auth/roles';
import type { DeskDb } from '../db/database';
import type { Member } from '../db/members';
import { AppError, isAppErrorCode, type AppErrorCode } from '../errors';
import type { OrderService } from '../orders/service';
import { log } from '../log';

/**
 * The one wrapper for every route handler and server action: Origin (mutations) → session → live member → role
 * → zod-validated input → the body → errors mapped by one mapper. Refusals of signed-in members (role, Origin) are
 * audited through `refused` (aggregated: lib/auth/refusal-audit.ts). Usage:
 *
 *   // app/api/<path>/route.ts — the handler body lives here; return a Response, or a value answered as JSON 200
 *   export const POST = handler({ role: 'trader', mutation: true, body: ticketSchema }, async ({ member, body, services }) =>
 *     services.orders.place(member, body));
 *   export const GET = handler({ role: 'viewer' }, async ({ req, params }) => ({ id: params.id }));
 *   // sensitive: `reauth: true` needs a re-authentication from the last 5 minutes (403 reauth_required otherwise)
 *   export const PUT = handler({ role: 'admin', mutation: true, reauth: true, body: limitsSchema }, …);
 *
 *   // a 'use server' file — always a mutation (Origin checked); answers { ok: true, data } | { ok: false, error }
 *   export const freezeAction = action({ role: 'admin', body: freezeSchema }, ({ member, body, services }) =>
 *     services.orders.freeze(member, body.frozen));
 *
 * Throw `new AppError(code)` (lib/errors.ts) to refuse; anything else is logged and answered as a generic 500.
 * In Next the member, Origin policy and services come from lib/server/request-env.ts; tests pass their own env
 * to `handleRoute(route, …)` / `action.run(input, env)`, so route files stay importable by plain Node tests.
 */

/** Largest JSON body a route accepts; tickets and admin forms are a few hundred bytes. */
export const MAX_JSON_BODY_BYTES = 64 * 1024;

export interface HandlerSpec<Body> {
  role: Role;
  /** mutations need a same-origin `Origin` header (server actions always are) */
  mutation?: boolean;
  /** the JSON body (routes) or the input (actions), validated before the handler runs */
  body?: z.ZodType<Body>;
  /** a sensitive action: the member must have re-authenticated in this browser in the last 5 minutes (lib/auth/reauth.ts) */
  reauth?: boolean;
  /** open to a member who must still enrol a second factor (their own security actions are how they enrol) */
  beforeEnrolment?: boolean;
}

/** What the handlers reach: the order service and the database. */
export interface ApiServices {
  orders: OrderService;
  db: DeskDb;
}

export interface HandlerContext<Body> {
  member: Member;
  body: Body;
  services: ApiServices;
}

export interface RouteContext<Body> extends HandlerContext<Body> {
  req: Request;
  /** the dynamic segments of the route (`[id]` → `params.id`) */
  params: Record<string, string>;
}

/**
 * Audits a signed-in member's refused attempt: `what` names it (`POST /api/orders`, `server action /admin`),
 * `reason` is the refusal code. Implementations aggregate per member/reason/attempt and window.
 */
export type RefusalRecorder = (member: Member, what: string, reason: AppErrorCode, detail: Record<string, unknown>) => Promise<void> | void;

/** How a route finds its caller and services; Next's is in lib/server/request-env.ts. */
export interface RouteEnv {
  currentMember: () => Promise<Member | null>;
  isAllowedOrigin: (origin: string | null) => boolean;
  service: () => ApiServices;
  refused?: RefusalRecorder;
  /** headers every answer carries besides no-store (HSTS on an https desk; API answers skip proxy.ts) */
  answerHeaders?: () => Record<string, string>;
}

/** A server action's environment: the route's, plus the Origin header and the page it was posted to. */
export interface ActionEnv extends RouteEnv {
  origin: () => Promise<string | null>;
  describe?: () => Promise<string>;
}

/** The error answer, the same for routes (`{ error }` with the status) and actions (`{ ok: false, error }`). */
export interface ErrorBody {
  code: AppErrorCode;
  message: string;
  preview?: unknown;
  issues?: { path: string; message: string }[];
}

export type ActionResult<T> = { ok: true; data: T } | { ok: false; error: ErrorBody };

type RouteFn<Body> = (ctx: RouteContext<Body>) => Promise<unknown> | unknown;
type ActionFn<Body, T> = (ctx: HandlerContext<Body>) => Promise<T> | T;

/** A Next route handler that also runs with an explicit environment (tests). */
export interface Route {
  (req: Request, ctx?: { params: Promise<Record<string, string>> }): Promise<Response>;
  run(req: Request, params: Record<string, string>, env: RouteEnv): Promise<Response>;
  /** who may call it, and whether it checks Origin */
  readonly role: Role;
  readonly mutation: boolean;
}

/** A server action that also runs with an explicit environment (tests). */
export interface Action<T> {
  (input?: unknown): Promise<ActionResult<T>>;
  run(input: unknown, env: ActionEnv): Promise<ActionResult<T>>;
}

// Loaded on first use, not imported: the Next-side environment is server-only, and route files must stay
// importable by Node tests, which always pass their own environment.
const nextEnv = () => import('../server/request-env');

export function handler<Body = undefined>(spec: HandlerSpec<Body>, fn: RouteFn<Body>): Route {
  const run = (req: Request, params: Record<string, string>, env: RouteEnv) => runRoute(spec, fn, req, params, env);
  const route = async (req: Request, ctx?: { params: Promise<Record<string, string>> }) =>
    run(req, (await ctx?.params) ?? {}, (await nextEnv()).routeEnv);
  return Object.assign(route, { run, role: spec.role, mutation: spec.mutation ?? false });
}

export function action<Body, T>(spec: HandlerSpec<Body>, fn: ActionFn<Body, T>): Action<T> {
  const run = (input: unknown, env: ActionEnv) => runAction(spec, fn, input, env);
  return Object.assign(async (input?: unknown) => run(input, (await nextEnv()).actionEnv), { run });
}

/** Runs an exported route with an explicit environment. */
export function handleRoute(route: Route, req: Request, params: Record<string, string>, env: RouteEnv): Promise<Response> {
  return route.run(req, params, env);
}

async function runRoute<Body>(spec: HandlerSpec<Body>, fn: RouteFn<Body>, req: Request, params: Record<string, string>, env: RouteEnv): Promise<Response> {
  const what = `${req.method} ${new URL(req.url).pathname}`;
  try {
    const member = await admit(spec, env, req.headers.get('origin'), what);
    const body = spec.body ? spec.body.parse(await readJson(req)) : (undefined as Body);
    const result = await fn({ req, params, member, body, services: env.service() });
    return withAnswerHeaders(result instanceof Response ? result : jsonAnswer(result), env);
  } catch (error) {
    const { status, body } = errorAnswer(error, what);
    return withAnswerHeaders(jsonAnswer({ error: body }, { status }), env);
  }
}

/** Answers below this many bytes are not worth compressing (the threshold of Next's own gzip). */
const SMALL_ANSWER_BYTES = 1024;

/**
 * A JSON answer. A small one says `no-transform`: Next gzips every answer it cannot size (it streams route
 * bodies), and compressing a 300-byte order answer costs the order path more time than the bytes it saves.
 */
export function jsonAnswer(body: unknown, init: { status?: number; headers?: Record<string, string> } = {}): Response {
  const text = JSON.stringify(body);
  const small = Buffer.byteLength(text) < SMALL_ANSWER_BYTES;
  return new Response(text, {
    status: init.status ?? 200,
    headers: { 'Content-Type': 'application/json', ...(small ? { 'Cache-Control': 'no-transform' } : {}), ...init.headers },
  });
}

async function runAction<Body, T>(spec: HandlerSpec<Body>, fn: ActionFn<Body, T>, input: unknown, env: ActionEnv): Promise<ActionResult<T>> {
  let what = 'server action';
  try {
    what = env.describe ? await env.describe() : what;
    const member = await admit({ ...spec, mutation: true }, env, await env.origin(), what);
    const body = spec.body ? spec.body.parse(input) : (undefined as Body);
    return { ok: true, data: await fn({ member, body, services: env.service() }) };
  } catch (error) {
    return { ok: false, error: errorAnswer(error, what).body };
  }
}

/** Origin (mutations) → signed-in member → role; refusals of signed-in members are audited. */
async function admit(spec: HandlerSpec<unknown>, env: RouteEnv, origin: string | null, what: string): Promise<Member> {
  if (spec.mutation && !env.isAllowedOrigin(origin)) {
    await recordRefusal(env, await env.currentMember().catch(() => null), what, 'cross_origin', { origin: origin?.slice(0, 200) ?? null });
    throw new AppError('cross_origin');
  }
  const member = await env.currentMember();
  if (!member) throw new AppError('unauthenticated');
  if (!roleAtLeast(member.role, spec.role)) {
    await recordRefusal(env, member, what, 'forbidden', { role: member.role, needs: spec.role });
    throw new AppError('forbidden', `This needs the ${spec.role} role or higher.`);
  }
  if (!spec.beforeEnrolment) requireEnrolmentDone(member);
  if (spec.reauth) requireRecentAuth(member);
  return member;
}

/** Records a refusal without ever letting the audit write change the answer. */
async function recordRefusal(env: RouteEnv, member: Member | null, what: string, reason: AppErrorCode, detail: Record<string, unknown>) {
  if (!env.refused || !member) return;
  try {
    await env.refused(member, what, reason, detail);
  } catch (error) {
    log.error({ err: error, what }, 'could not record a refusal in the audit log');
  }
}

/** The JSON body: JSON content type (415), at most MAX_JSON_BODY_BYTES (413, decided while it streams), parseable (400). */
async function readJson(req: Request): Promise<unknown> {
  if (!/^application\/json\b/i.test(req.headers.get('content-type') ?? '')) throw new AppError('unsupported_media_type');
  const text = await readBoundedText(req, MAX_JSON_BODY_BYTES);
  if (text === undefined) {
    // Next's request body: drop what is left of it (a no-op once the reader already cancelled it)
    await req.body?.cancel().catch(() => undefined);
    throw new AppError('payload_too_large', `The request body is larger than ${MAX_JSON_BODY_BYTES / 1024} KiB.`);
  }
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('invalid_json');
  }
}

/** "price: Must be a decimal number" — the first problem, named by its field, for a person to read. */
export function describeZodError(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'The request is not valid.';
  const where = issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

/**
 * The one error mapper: an AppError answers its code, status and message (the fat-finger refusal also its preview);
 * a zod error is `invalid_request` naming the field; anything else is logged and answered generically.
 */
export function errorAnswer(error: unknown, what: string): { status: number; body: ErrorBody } {
  const app = appErrorOf(error);
  if (app) {
    const body: ErrorBody = { code: app.code, message: app.message };
    if (app.code === 'confirmation_required' && app.preview !== undefined) body.preview = app.preview;
    return { status: app.status, body };
  }
  if (error instanceof z.ZodError) {
    const issues = error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message }));
    return { status: 400, body: { code: 'invalid_request', message: describeZodError(error), issues } };
  }
  // No request body, headers or cookies in the log: they may carry secrets.
  log.error({ err: error, what }, 'request failed');
  const internal = new AppError('internal');
  return { status: internal.status, body: { code: internal.code, message: internal.message } };
}

/**
 * Next bundles route handlers and server actions separately, so an error may come from another bundle's copy of
 * AppError and `instanceof` fails across that line: such errors are recognised by name and a code of the table.
 */
function appErrorOf(error: unknown): { code: AppErrorCode; status: number; message: string; preview?: unknown } | undefined {
  if (!(error instanceof Error) || !(error instanceof AppError || error.name === 'AppError')) return undefined;
  const { code, status, preview } = error as Error & { code?: unknown; status?: unknown; preview?: unknown };
  if (!isAppErrorCode(code) || typeof status !== 'number') return undefined;
  return { code, status, message: error.message, preview };
}

/**
 * Member-specific answers must never be cached by a browser or proxy (a small answer's `no-transform` stays);
 * the environment's headers ride along.
 */
function withAnswerHeaders(response: Response, env: RouteEnv): Response {
  const keep = /no-transform/.test(response.headers.get('Cache-Control') ?? '') ? ', no-transform' : '';
  const extra = { 'Cache-Control': `no-store${keep}`, ...env.answerHeaders?.() };
  try {
    for (const [name, value] of Object.entries(extra)) response.headers.set(name, value);
    return response;
  } catch {
    // Some responses (Response.redirect) have immutable headers: copy into a mutable one.
    const copy = new Response(response.body, response);
    for (const [name, value] of Object.entries(extra)) copy.headers.set(name, value);
    return copy;
  }
}
