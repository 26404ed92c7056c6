import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import type { Member } from '../db/members';
import { AppError } from '../errors';
import { handleRoute, runAction } from './http';
import { ConfirmationRequiredError } from './place';
import type { OrderPreview } from './preview';

const member = (role: Member['role']): Member => ({ id: 7, username: 'm', role, disabled: false, sessionVersion: 1, createdAt: 't', updatedAt: 't' });
const schema = z.object({ n: z.number({ error: 'n must be a number' }) });

test('runAction (server actions): same checks as the API, errors as values', async () => {
  const work = async (_m: Member, input: { n: number }) => input.n * 2;
  assert.deepEqual(await runAction(async () => null, 'trader', schema, { n: 1 }, work), { ok: false, error: { code: 'unauthenticated', message: 'Sign in to continue.' } });
  assert.equal((await runAction(async () => member('viewer'), 'trader', schema, { n: 1 }, work)).ok, false);
  const bad = await runAction(async () => member('trader'), 'trader', schema, { n: 'x' }, work);
  assert.deepEqual(bad, { ok: false, error: { code: 'invalid_request', message: 'n: n must be a number', issues: [{ path: 'n', message: 'n must be a number' }] } });
  assert.deepEqual(await runAction(async () => member('admin'), 'trader', schema, { n: 2 }, work), { ok: true, data: 4 });
  const refused = await runAction(async () => member('trader'), 'trader', schema, { n: 1 }, async () => { throw new AppError('limit_pair', 403, 'No.'); });
  assert.deepEqual(refused, { ok: false, error: { code: 'limit_pair', message: 'No.' } });
  const preview = { confirmationReasons: ['Too big.'] } as OrderPreview;
  const confirm = await runAction(async () => member('trader'), 'trader', schema, { n: 1 }, async () => { throw new ConfirmationRequiredError(preview); });
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
  const action = await runAction(async () => member('trader'), 'trader', schema, { n: 1 }, async () => { throw new ForeignAppError('desk_frozen', 423, 'Frozen.'); });
  assert.deepEqual(action, { ok: false, error: { code: 'desk_frozen', message: 'Frozen.' } });
});
