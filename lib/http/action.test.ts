import assert from 'node:assert/strict';
import { test } from 'node:test';
import { z } from 'zod';
import type { Member } from '../db/members';
import { AppError } from '../errors';
import { ConfirmationRequiredError } from '../orders/checks';
import type { OrderPreview } from '../desk-api/preview';
import { action, type ActionEnv, type ApiServices, type RefusalRecorder } from './handler';
import { log } from '../log';

const member = (role: Member['role']): Member => ({ id: 7, username: 'm', role, disabled: false, sessionVersion: 1, createdAt: 't', updatedAt: 't' });
const schema = z.object({ n: z.number({ error: 'n must be a number' }) });

/** A server action's environment for `who`, posted from `origin` (the desk is http://desk). */
const env = (who: Member | null, origin: string | null = 'http://desk', refused?: RefusalRecorder): ActionEnv => ({
  currentMember: async () => who, origin: async () => origin, isAllowedOrigin: (o) => o === 'http://desk',
  describe: async () => 'server action /admin', service: () => ({}) as ApiServices, refused,
});

const double = action({ role: 'trader', body: schema }, ({ body }) => body.n * 2);
const throwing = (error: unknown) => action({ role: 'trader', body: schema }, () => { throw error; });

test('action (server actions): the same checks as routes, answers as values', async () => {
  assert.deepEqual(await double.run({ n: 1 }, env(null)), { ok: false, error: { code: 'unauthenticated', message: 'Sign in to continue.' } });
  assert.deepEqual(await double.run({ n: 1 }, env(member('viewer'))), { ok: false, error: { code: 'forbidden', message: 'This needs the trader role or higher.' } });
  const bad = await double.run({ n: 'x' }, env(member('trader')));
  assert.deepEqual(bad, { ok: false, error: { code: 'invalid_request', message: 'n: n must be a number', issues: [{ path: 'n', message: 'n must be a number' }] } });
  assert.deepEqual(await double.run({ n: 2 }, env(member('admin'))), { ok: true, data: 4 });
});

test('action maps AppErrors through the table, the fat-finger refusal with its preview, other errors to a generic internal', async (t) => {
  assert.deepEqual(await throwing(new AppError('limit_pair', 'No.')).run({ n: 1 }, env(member('trader'))), { ok: false, error: { code: 'limit_pair', message: 'No.' } });
  assert.deepEqual(await throwing(new AppError('member_not_found')).run({ n: 1 }, env(member('trader'))), { ok: false, error: { code: 'member_not_found', message: 'No such member.' } });
  const preview = { confirmationReasons: ['Too big.'] } as OrderPreview;
  const confirm = await throwing(new ConfirmationRequiredError(preview)).run({ n: 1 }, env(member('trader')));
  assert.deepEqual(confirm, { ok: false, error: { code: 'confirmation_required', message: 'Confirm this order: Too big.', preview } });
  const logged: { what?: unknown; err?: unknown }[] = [];
  t.mock.method(log, 'error', (fields: { what?: unknown; err?: unknown }) => { logged.push(fields); });
  const crash = await throwing(new Error('pg password=hunter2 refused')).run({ n: 1 }, env(member('trader')));
  assert.deepEqual(crash, { ok: false, error: { code: 'internal', message: 'Something went wrong on the desk. Try again; if it keeps happening, tell an admin.' } });
  assert.equal(logged[0]!.what, 'server action /admin');
  assert.match(String(logged[0]!.err), /^Error: pg password/);
});

test('action refuses a missing or foreign Origin with cross_origin before any work, never a 500', async () => {
  let ran = 0;
  const work = action({ role: 'admin' }, () => { ran += 1; return 1; });
  for (const origin of [null, 'http://evil.example', 'null']) {
    const result = await work.run(undefined, env(member('admin'), origin));
    assert.deepEqual(result.ok ? null : result.error.code, 'cross_origin', String(origin));
  }
  assert.equal(ran, 0);
  assert.deepEqual(await work.run(undefined, env(member('admin'))), { ok: true, data: 1 });
});

test('refusals of signed-in members (wrong role, bad Origin) are recorded, named by the page posted to', async () => {
  const rows: string[] = [];
  const refused: RefusalRecorder = (m, what, reason, detail) => { rows.push(`${m.username}|${what}|${reason}|${JSON.stringify(detail)}`); };
  const admin = action({ role: 'admin' }, () => 1);
  await admin.run(undefined, env(member('viewer'), 'http://desk', refused));
  await admin.run(undefined, env(member('admin'), 'http://evil.example', refused));
  await admin.run(undefined, env(null, 'http://evil.example', refused));
  assert.deepEqual(rows, [
    'm|server action /admin|forbidden|{"role":"viewer","needs":"admin"}',
    'm|server action /admin|cross_origin|{"origin":"http://evil.example"}',
  ], 'nobody signed in → nothing to attribute, no row');
});
