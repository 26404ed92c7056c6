import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { z } from 'zod';
import type { Role } from '../auth/roles';
import type { Member } from '../db/members';
import { AppError } from '../errors';
import { ConfirmationRequiredError } from '../orders/checks';
import type { OrderPreview } from '../desk-api/preview';
import { handler, handleRoute, type ApiServices, type HandlerSpec, type RefusalRecorder, type RouteContext, type RouteEnv } from './handler';
import { log } from '../log';

const member = (role: Role): Member => ({
  id: 1, username: 'm', role, disabled: false, sessionVersion: 1, createdAt: 't', updatedAt: 't',
});

const DESK = 'http://desk.test';

function env(who: Member | null, refused?: RefusalRecorder): RouteEnv {
  return { currentMember: async () => who, isAllowedOrigin: (o) => o === DESK, service: () => ({}) as ApiServices, refused };
}

function run<Body>(opts: {
  who: Member | null;
  spec?: Partial<HandlerSpec<Body>>;
  fn?: (ctx: RouteContext<Body>) => unknown;
  req?: Request;
  refused?: RefusalRecorder;
}) {
  const route = handler<Body>({ role: 'viewer', ...opts.spec }, opts.fn ?? (() => Response.json({ ok: true })));
  return handleRoute(route, opts.req ?? new Request(`${DESK}/api/thing?secret=1`), { id: '42' }, env(opts.who, opts.refused));
}

const post = (body: string, type = 'application/json', origin: string | null = DESK) =>
  new Request(`${DESK}/api/orders`, { method: 'POST', body, headers: { 'content-type': type, ...(origin ? { origin } : {}) } });

async function expectError(response: Response, status: number, code: string) {
  assert.equal(response.status, status);
  assert.match(response.headers.get('cache-control') ?? '', /^no-store\b/);
  const body = (await response.json()) as { error: { code: string; message: string } };
  assert.equal(body.error.code, code);
  assert.ok(body.error.message.length > 0);
  return body;
}

describe('handler (route handlers)', () => {
  it('answers 401 unauthenticated without running the handler when nobody is signed in', async () => {
    const fn = mock.fn(() => Response.json({}));
    const body = await expectError(await run({ who: null, fn }), 401, 'unauthenticated');
    assert.equal(body.error.message, 'Sign in to continue.');
    assert.equal(fn.mock.callCount(), 0);
  });

  it('answers 403 forbidden when the role is too low, audits it, and lets higher roles through', async () => {
    const rows: string[] = [];
    const refused: RefusalRecorder = (m, what, reason, detail) => { rows.push(`${m.username}|${what}|${reason}|${JSON.stringify(detail)}`); };
    const body = await expectError(await run({ who: member('viewer'), spec: { role: 'trader' }, refused }), 403, 'forbidden');
    assert.equal(body.error.message, 'This needs the trader role or higher.');
    assert.deepEqual(rows, ['m|GET /api/thing|forbidden|{"role":"viewer","needs":"trader"}'], 'named by method and path, no query');
    assert.equal((await run({ who: member('admin'), spec: { role: 'trader' }, refused })).status, 200);
    assert.equal(rows.length, 1);
  });

  it('refuses a foreign or missing Origin on mutations with 403 cross_origin before the session, and audits signed-in members', async () => {
    const rows: string[] = [];
    const refused: RefusalRecorder = (m, what, reason, detail) => { rows.push(`${m.username}|${what}|${reason}|${JSON.stringify(detail)}`); };
    const fn = mock.fn(() => Response.json({}));
    for (const origin of ['https://evil.example', null, 'null']) {
      await expectError(await run({ who: member('admin'), spec: { mutation: true }, fn, refused, req: post('{}', 'application/json', origin) }), 403, 'cross_origin');
    }
    await expectError(await run({ who: null, spec: { mutation: true }, fn, refused, req: post('{}', 'application/json', 'https://evil.example') }), 403, 'cross_origin');
    assert.equal(fn.mock.callCount(), 0);
    assert.deepEqual(rows, [
      'm|POST /api/orders|cross_origin|{"origin":"https://evil.example"}',
      'm|POST /api/orders|cross_origin|{"origin":null}',
      'm|POST /api/orders|cross_origin|{"origin":"null"}',
    ], 'nobody signed in → nothing to attribute, no row');
    assert.equal((await run({ who: member('viewer'), req: new Request(`${DESK}/api/orders`) })).status, 200, 'reads need no Origin');
  });

  it('passes member, params and services to the body; a returned value is JSON 200; every answer is no-store', async () => {
    const response = await run({ who: member('trader'), fn: ({ params, member: m }) => ({ id: params.id, who: m.username }) });
    assert.equal(response.status, 200);
    assert.deepEqual(await response.json(), { id: '42', who: 'm' });
    assert.match(response.headers.get('cache-control') ?? '', /^no-store\b/);
    const cached = await run({ who: member('trader'), fn: () => Response.json({}, { headers: { 'Cache-Control': 'max-age=60' } }) });
    assert.match(cached.headers.get('cache-control') ?? '', /^no-store\b/);
    const redirect = await run({ who: member('viewer'), fn: () => Response.redirect(`${DESK}/x`, 303) });
    assert.equal(redirect.status, 303);
    assert.match(redirect.headers.get('cache-control') ?? '', /^no-store\b/, 'even immutable-header responses');
  });

  it('small JSON answers say no-transform (Next\'s gzip skips them), large ones do not; the environment\'s headers ride along, errors too', async () => {
    const hsts = 'max-age=63072000; includeSubDomains';
    const route = handler({ role: 'viewer' }, ({ params }) => ({ price: '€1', id: params.id }));
    const https: RouteEnv = { ...env(member('viewer')), answerHeaders: () => ({ 'Strict-Transport-Security': hsts }) };
    const ok = await handleRoute(route, new Request(`${DESK}/api/thing`), { id: '42' }, https);
    assert.equal(await ok.text(), '{"price":"€1","id":"42"}');
    assert.equal(ok.headers.get('cache-control'), 'no-store, no-transform');
    const large = await run({ who: member('viewer'), fn: () => ({ rows: 'x'.repeat(2000) }) });
    assert.equal(large.headers.get('cache-control'), 'no-store', 'a large answer may be compressed');
    assert.equal(ok.headers.get('strict-transport-security'), hsts);
    const refused = await handleRoute(route, new Request(`${DESK}/api/thing`), {}, { ...https, currentMember: async () => null });
    assert.equal(refused.status, 401);
    assert.equal(refused.headers.get('strict-transport-security'), hsts);
    assert.equal(refused.headers.get('cache-control'), 'no-store, no-transform');
    assert.equal((await run({ who: member('viewer'), fn: () => ({}) })).headers.get('strict-transport-security'), null, 'none on a plain-http desk');
  });

  it('maps a thrown AppError to its table status and code, with the specific message when one is given', async () => {
    const specific = await run({ who: member('viewer'), fn: () => { throw new AppError('unknown_pair', 'Unknown pair "FOO/BAR".'); } });
    assert.equal((await expectError(specific, 404, 'unknown_pair')).error.message, 'Unknown pair "FOO/BAR".');
    const table = await run({ who: member('viewer'), fn: () => { throw new AppError('desk_frozen'); } });
    assert.equal((await expectError(table, 423, 'desk_frozen')).error.message, 'The desk is frozen by an admin: no new orders or amends are accepted.');
  });

  it('answers the fat-finger refusal as 409 with its preview', async () => {
    const preview = { confirmationReasons: ['Too big.'], confirmationRequired: true } as OrderPreview;
    const response = await run({ who: member('trader'), fn: () => { throw new ConfirmationRequiredError(preview); } });
    assert.equal(response.status, 409);
    assert.deepEqual(await response.json(), { error: { code: 'confirmation_required', message: 'Confirm this order: Too big.', preview } });
  });

  it('recognises AppErrors built by another bundle\'s copy of the class by name and table code', async () => {
    class ForeignAppError extends Error {
      constructor(readonly code: string, readonly status: number, message: string, readonly preview?: unknown) {
        super(message);
        this.name = 'AppError';
      }
    }
    const limit = await run({ who: member('trader'), fn: () => { throw new ForeignAppError('limit_pair', 403, 'No BTC for you.'); } });
    assert.equal(limit.status, 403);
    assert.deepEqual(await limit.json(), { error: { code: 'limit_pair', message: 'No BTC for you.' } });
    const confirm = await run({ who: member('trader'), fn: () => { throw new ForeignAppError('confirmation_required', 409, 'Confirm.', { notionalUsd: '9' }); } });
    assert.deepEqual(await confirm.json(), { error: { code: 'confirmation_required', message: 'Confirm.', preview: { notionalUsd: '9' } } });
    const unknown = await run({ who: member('trader'), fn: () => { throw new ForeignAppError('made_up', 418, 'secret detail'); } });
    assert.equal(unknown.status, 500, 'a code outside the table is not trusted');
  });

  it('validates a JSON body with zod: 415 without JSON, 400 for bad JSON, 413 when too large, 400 naming the field', async () => {
    const schema = z.object({ qty: z.string().regex(/^\d+(\.\d+)?$/, 'Must be a decimal number') });
    const seen: unknown[] = [];
    const spec = { role: 'trader' as const, mutation: true, body: schema };
    const fn = ({ body }: RouteContext<{ qty: string }>) => { seen.push(body); return Response.json({}); };
    assert.equal((await run({ who: member('trader'), spec, fn, req: post('{"qty":"1.5"}') })).status, 200);
    assert.deepEqual(seen, [{ qty: '1.5' }]);
    await expectError(await run({ who: member('trader'), spec, fn, req: post('qty=1', 'text/plain') }), 415, 'unsupported_media_type');
    await expectError(await run({ who: member('trader'), spec, fn, req: post('{"qty":') }), 400, 'invalid_json');
    const big = await expectError(await run({ who: member('trader'), spec, fn, req: post('x'.repeat(70_000)) }), 413, 'payload_too_large');
    assert.equal(big.error.message, 'The request body is larger than 64 KiB.');
    const bad = await expectError(await run({ who: member('trader'), spec, fn, req: post('{"qty":"abc"}') }), 400, 'invalid_request');
    assert.equal(bad.error.message, 'qty: Must be a decimal number');
    assert.deepEqual((bad as unknown as { error: { issues: unknown } }).error.issues, [{ path: 'qty', message: 'Must be a decimal number' }]);
    assert.equal(seen.length, 1, 'the handler never saw invalid bodies');
  });

  it('answers unexpected errors with a generic 500 and logs the path without the query', async (t) => {
    const logged: { what?: unknown; err?: unknown }[] = [];
    t.mock.method(log, 'error', (fields: { what?: unknown; err?: unknown }) => { logged.push(fields); });
    const response = await run({ who: member('viewer'), fn: () => { throw new TypeError('db exploded with token=abc'); } });
    const body = await expectError(response, 500, 'internal');
    assert.doesNotMatch(body.error.message, /exploded|token/);
    assert.equal(logged.length, 1);
    assert.equal(logged[0]!.what, 'GET /api/thing');
    assert.match(String(logged[0]!.err), /TypeError: db exploded/);
  });

  it('a refusal recorder that fails never changes the answer', async (t) => {
    t.mock.method(log, 'error', () => undefined);
    const refused: RefusalRecorder = async () => { throw new Error('audit store down'); };
    await expectError(await run({ who: member('viewer'), spec: { role: 'admin' }, refused }), 403, 'forbidden');
  });
});

describe('request body size', () => {
  /** A body of `total` bytes produced on demand, 64 KiB per pull, counting what the reader actually took. */
  function hugeBody(total: number) {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    const stats = { pulled: 0, cancelled: false };
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (stats.pulled >= total) return controller.close();
        stats.pulled += chunk.byteLength;
        controller.enqueue(chunk);
      },
      cancel() {
        stats.cancelled = true;
      },
    }, { highWaterMark: 0 });
    return { stream, stats };
  }
  const spec = { role: 'trader' as const, body: z.object({ a: z.number() }).loose() };
  const streamed = (body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
    new Request(`${DESK}/api/orders`, { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, duplex: 'half' } as RequestInit);

  it('refuses a 100 MB body with 413 after reading little more than the 64 KiB limit', async () => {
    const { stream, stats } = hugeBody(100 * 1024 * 1024);
    let ran = false;
    const response = await run({ who: member('trader'), spec, req: streamed(stream), fn: () => { ran = true; return Response.json({}); } });
    await expectError(response, 413, 'payload_too_large');
    assert.equal(ran, false);
    assert.ok(stats.pulled <= 2 * 64 * 1024 + 64 * 1024, `read ${stats.pulled} bytes`);
    assert.equal(stats.cancelled, true, 'the rest of the upload is abandoned');
  });

  it('refuses a too-large Content-Length before reading a byte', async () => {
    const { stream, stats } = hugeBody(100 * 1024 * 1024);
    const response = await run({ who: member('trader'), spec, req: streamed(stream, { 'content-length': String(100 * 1024 * 1024) }) });
    await expectError(response, 413, 'payload_too_large');
    assert.equal(stats.pulled, 0);
  });

  it('still accepts a body just under the limit', async () => {
    const text = JSON.stringify({ a: 1, pad: ' '.repeat(60 * 1024) });
    const response = await run({ who: member('trader'), spec, req: post(text), fn: ({ body }) => body });
    assert.equal(response.status, 200);
  });
});
