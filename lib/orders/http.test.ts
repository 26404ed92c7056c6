import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import type { Member } from '../db/members';
import { AppError } from '../errors';
import { handleRoute, runAction, type ActionGate } from './http';
import { ConfirmationRequiredError } from './place';
import type { OrderPreview } from './preview';

const member = (role: Member['role']): Member => ({ id: 7, username: 'm', role, disabled: false, sessionVersion: 1, createdAt: 't', updatedAt: 't' });
const schema = z.object({ n: z.number({ error: 'n must be a number' }) });

/** A server-action gate for `who`, posted from `origin` (the desk is http://desk). */
const gate = (who: Member | null, origin: string | null = 'http://desk', refused?: ActionGate['refused']): ActionGate => ({
  currentMember: async () => who, origin: async () => origin, isAllowedOrigin: (o) => o === 'http://desk', describe: async () => 'server action /admin', refused,
});

test('runAction (server actions): same checks as the API, errors as values', async () => {
  const work = async (_m: Member, input: { n: number }) => input.n * 2;
  assert.deepEqual(await runAction(gate(null), 'trader', schema, { n: 1 }, work), { ok: false, error: { code: 'unauthenticated', message: 'Sign in to continue.' } });
  assert.equal((await runAction(gate(member('viewer')), 'trader', schema, { n: 1 }, work)).ok, false);
  const bad = await runAction(gate(member('trader')), 'trader', schema, { n: 'x' }, work);
  assert.deepEqual(bad, { ok: false, error: { code: 'invalid_request', message: 'n: n must be a number', issues: [{ path: 'n', message: 'n must be a number' }] } });
  assert.deepEqual(await runAction(gate(member('admin')), 'trader', schema, { n: 2 }, work), { ok: true, data: 4 });
  const refused = await runAction(gate(member('trader')), 'trader', schema, { n: 1 }, async () => { throw new AppError('limit_pair', 403, 'No.'); });
  assert.deepEqual(refused, { ok: false, error: { code: 'limit_pair', message: 'No.' } });
  const preview = { confirmationReasons: ['Too big.'] } as OrderPreview;
  const confirm = await runAction(gate(member('trader')), 'trader', schema, { n: 1 }, async () => { throw new ConfirmationRequiredError(preview); });
  assert.deepEqual(confirm, { ok: false, error: { code: 'confirmation_required', message: 'Confirm this order: Too big.', preview } });
});

test('handleRoute answers the fat-finger refusal as 409 with the preview, and checks Origin only on mutations', async () => {
  const preview = { confirmationReasons: ['Too big.'], confirmationRequired: true } as OrderPreview;
  const spec = { role: 'trader' as const, mutation: true, async handle(): Promise<Response> { throw new ConfirmationRequiredError(preview); } };
  const env = { currentMember: async () => member('trader'), isAllowedOrigin: (o: string | null) => o === 'http://desk', service: () => ({}) };
  const response = await handleRoute(spec, new Request('http://desk/api/orders', { method: 'POST', headers: { origin: 'http://desk' } }), {}, env);
  assert.equal(response.status, 409);
  assert.deepEqual(await response.json(), { error: { code: 'confirmation_required', message: 'Confirm this order: Too big.', preview } });
  const read = { role: 'viewer' as const, mutation: false, handle: async () => Response.json({ ok: true }) };
  assert.equal((await handleRoute(read, new Request('http://desk/api/orders'), {}, env)).status, 200, 'reads need no Origin');
  assert.equal((await handleRoute({ ...read, mutation: true }, new Request('http://desk/api/orders', { headers: { origin: 'http://evil' } }), {}, env)).status, 403);
});

test('errors built by another bundle\'s copy of AppError (same shape, other class) still map to their status', async () => {
  class ForeignAppError extends Error {
    constructor(readonly code: string, readonly status: number, message: string, readonly preview?: unknown) {
      super(message);
      this.name = 'AppError';
    }
  }
  const env = { currentMember: async () => member('trader'), isAllowedOrigin: () => true, service: () => ({}) };
  const throwing = (error: Error) => ({ role: 'trader' as const, mutation: false, async handle(): Promise<Response> { throw error; } });
  const limit = await handleRoute(throwing(new ForeignAppError('limit_pair', 403, 'No BTC for you.')), new Request('http://desk/api/orders'), {}, env);
  assert.equal(limit.status, 403);
  assert.deepEqual(await limit.json(), { error: { code: 'limit_pair', message: 'No BTC for you.' } });
  const confirm = await handleRoute(throwing(new ForeignAppError('confirmation_required', 409, 'Confirm.', { notionalUsd: '9' })), new Request('http://desk/api/orders'), {}, env);
  assert.equal(confirm.status, 409);
  assert.deepEqual(await confirm.json(), { error: { code: 'confirmation_required', message: 'Confirm.', preview: { notionalUsd: '9' } } });
  const action = await runAction(gate(member('trader')), 'trader', schema, { n: 1 }, async () => { throw new ForeignAppError('desk_frozen', 423, 'Frozen.'); });
  assert.deepEqual(action, { ok: false, error: { code: 'desk_frozen', message: 'Frozen.' } });
});

test('runAction refuses a missing or foreign Origin with 403 cross_origin before any work, never a 500', async () => {
  let ran = 0;
  const work = async () => { ran += 1; return 1; };
  for (const origin of [null, 'http://evil.example', 'null']) {
    const result = await runAction(gate(member('admin'), origin), 'admin', z.undefined(), undefined, work);
    assert.deepEqual(result.ok ? null : result.error.code, 'cross_origin', String(origin));
  }
  assert.equal(ran, 0);
  assert.equal((await runAction(gate(member('admin')), 'admin', z.undefined(), undefined, work)).ok, true);
});

test('refusals of signed-in members (wrong role, bad Origin) are recorded, for server actions and API routes alike', async () => {
  const rows: string[] = [];
  const refused: ActionGate['refused'] = (m, what, reason, detail) => { rows.push(`${m.username}|${what}|${reason}|${JSON.stringify(detail)}`); };
  await runAction(gate(member('viewer'), 'http://desk', refused), 'admin', z.undefined(), undefined, async () => 1);
  await runAction(gate(member('admin'), 'http://evil.example', refused), 'admin', z.undefined(), undefined, async () => 1);
  await runAction(gate(null, 'http://evil.example', refused), 'admin', z.undefined(), undefined, async () => 1);
  const env = { currentMember: async () => member('viewer'), isAllowedOrigin: (o: string | null) => o === 'http://desk', service: () => ({}), refused };
  const spec = { role: 'admin' as const, mutation: true, handle: async () => Response.json({ ok: true }) };
  assert.equal((await handleRoute(spec, new Request('http://desk/api/desk/freeze', { method: 'POST', headers: { origin: 'http://desk' } }), {}, env)).status, 403);
  assert.equal((await handleRoute(spec, new Request('http://desk/api/desk/freeze', { method: 'POST' }), {}, env)).status, 403);
  assert.deepEqual(rows, [
    'm|server action /admin|forbidden|{"role":"viewer","needs":"admin"}',
    'm|server action /admin|cross_origin|{"origin":"http://evil.example"}',
    'm|POST /api/desk/freeze|forbidden|{"role":"viewer","needs":"admin"}',
    'm|POST /api/desk/freeze|cross_origin|{"origin":null}',
  ], 'nobody signed in → nothing to attribute, no row');
});
