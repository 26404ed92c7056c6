import assert from 'node:assert/strict';
import { describe, it, mock } from 'node:test';
import { z } from 'zod';
import type { Member } from '../db/members';
import { AppError } from '../errors';
import { handleWithMember, type MemberHandler } from './member-handler';
import type { Role } from './roles';

const member = (role: Role): Member => ({
  id: 1, username: 'm', role, disabled: false, sessionVersion: 1, createdAt: 't', updatedAt: 't',
});

function run<Body>(opts: {
  who: Member | null;
  minRole?: Role;
  handler?: MemberHandler<{ id: string }, Body>;
  body?: z.ZodType<Body>;
  req?: Request;
}) {
  return handleWithMember<{ id: string }, Body>({
    req: opts.req ?? new Request('http://desk.test/api/thing?secret=1'),
    params: { id: '42' },
    minRole: opts.minRole ?? 'viewer',
    body: opts.body,
    currentMember: async () => opts.who,
    handler: opts.handler ?? (() => Response.json({ ok: true })),
  });
}

async function expectError(response: Response, status: number, code: string) {
  assert.equal(response.status, status);
  assert.equal(response.headers.get('cache-control'), 'no-store');
  const body = (await response.json()) as { error: { code: string; message: string } };
  assert.equal(body.error.code, code);
  assert.ok(body.error.message.length > 0);
  return body;
}

describe('handleWithMember', () => {
  it('answers 401 unauthenticated without running the handler when nobody is signed in', async () => {
    const handler = mock.fn(() => Response.json({}));
    await expectError(await run({ who: null, handler }), 401, 'unauthenticated');
    assert.equal(handler.mock.callCount(), 0);
  });

  it('answers 403 forbidden when the role is too low, and lets higher roles through', async () => {
    await expectError(await run({ who: member('viewer'), minRole: 'trader' }), 403, 'forbidden');
    assert.equal((await run({ who: member('admin'), minRole: 'trader' })).status, 200);
  });

  it('passes member and params to the handler and marks its response no-store', async () => {
    const response = await run({
      who: member('trader'),
      handler: (_req, ctx) => Response.json({ id: ctx.params.id, who: ctx.member.username }, { headers: { 'Cache-Control': 'max-age=60' } }),
    });
    assert.deepEqual(await response.json(), { id: '42', who: 'm' });
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const redirect = await run({ who: member('viewer'), handler: () => Response.redirect('http://desk.test/x', 303) });
    assert.equal(redirect.status, 303);
    assert.equal(redirect.headers.get('cache-control'), 'no-store', 'even immutable-header responses');
  });

  it('maps a thrown AppError to its status, code and message', async () => {
    const response = await run({ who: member('viewer'), handler: () => { throw new AppError('no_such_pair', 404, 'Unknown pair "FOO/BAR".'); } });
    const body = await expectError(response, 404, 'no_such_pair');
    assert.equal(body.error.message, 'Unknown pair "FOO/BAR".');
  });

  it('validates a JSON body with zod: 415 without JSON, 400 for bad JSON, 400 naming the field', async () => {
    const schema = z.object({ qty: z.string().regex(/^\d+(\.\d+)?$/, 'Must be a decimal number') });
    const post = (body: string, type = 'application/json') =>
      new Request('http://desk.test/api/orders', { method: 'POST', body, headers: { 'content-type': type } });
    const seen: unknown[] = [];
    const handler: MemberHandler<{ id: string }, { qty: string }> = (_req, ctx) => { seen.push(ctx.body); return Response.json({}); };
    assert.equal((await run({ who: member('trader'), body: schema, handler, req: post('{"qty":"1.5"}') })).status, 200);
    assert.deepEqual(seen, [{ qty: '1.5' }]);
    await expectError(await run({ who: member('trader'), body: schema, handler, req: post('qty=1', 'text/plain') }), 415, 'unsupported_media_type');
    await expectError(await run({ who: member('trader'), body: schema, handler, req: post('{"qty":') }), 400, 'invalid_json');
    await expectError(await run({ who: member('trader'), body: schema, handler, req: post('x'.repeat(70_000)) }), 413, 'payload_too_large');
    const bad = await expectError(await run({ who: member('trader'), body: schema, handler, req: post('{"qty":"abc"}') }), 400, 'invalid_request');
    assert.equal(bad.error.message, 'qty: Must be a decimal number');
    assert.equal(seen.length, 1, 'the handler never saw invalid bodies');
  });

  it('answers unexpected errors with a generic 500 and logs the path without the query', async (t) => {
    const logged: string[] = [];
    t.mock.method(console, 'error', (line: string) => logged.push(line));
    const response = await run({ who: member('viewer'), handler: () => { throw new TypeError('db exploded with token=abc'); } });
    const body = await expectError(response, 500, 'internal');
    assert.doesNotMatch(body.error.message, /exploded|token/);
    assert.equal(logged.length, 1);
    assert.match(logged[0]!, /^\[api\] GET \/api\/thing failed: TypeError: db exploded/);
    assert.doesNotMatch(logged[0]!, /secret=1/);
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
  const schema = z.object({ a: z.number() });
  const post = (body: ReadableStream<Uint8Array>, headers: Record<string, string> = {}) =>
    new Request('http://desk.test/api/orders', { method: 'POST', body, headers: { 'content-type': 'application/json', ...headers }, duplex: 'half' } as RequestInit);

  it('refuses a 100 MB body with 413 after reading little more than the 64 KiB limit', async () => {
    const { stream, stats } = hugeBody(100 * 1024 * 1024);
    let ran = false;
    const response = await run({ who: member('trader'), body: schema, req: post(stream), handler: () => { ran = true; return Response.json({}); } });
    await expectError(response, 413, 'payload_too_large');
    assert.equal(ran, false);
    assert.ok(stats.pulled <= 2 * 64 * 1024 + 64 * 1024, `read ${stats.pulled} bytes`);
    assert.equal(stats.cancelled, true, 'the rest of the upload is abandoned');
  });

  it('refuses a too-large Content-Length before reading a byte', async () => {
    const { stream, stats } = hugeBody(100 * 1024 * 1024);
    const response = await run({ who: member('trader'), body: schema, req: post(stream, { 'content-length': String(100 * 1024 * 1024) }) });
    await expectError(response, 413, 'payload_too_large');
    assert.equal(stats.pulled, 0);
  });

  it('still accepts a body just under the limit', async () => {
    const text = JSON.stringify({ a: 1, pad: ' '.repeat(60 * 1024) });
    const response = await run({ who: member('trader'), body: schema.loose(), req: new Request('http://desk.test/x', { method: 'POST', body: text, headers: { 'content-type': 'application/json' } }), handler: (_r, { body }) => Response.json(body) });
    assert.equal(response.status, 200);
  });
});
