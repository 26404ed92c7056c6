/**
 * The PostgreSQL audit chain's round trips: one statement per append while one instance writes, and a row that
 * another instance appended meanwhile costs a re-read, never a broken link.
 */
import assert from 'node:assert/strict';
import { it } from 'node:test';
import { auditedCall } from '../../audit/events';
import { verifyAuditChain } from '../../audit/verify';
import { STORES } from '../contract/stores';
import { logStatements } from '../contract/pg-statements';

const postgres = STORES.find((s) => s.name === 'postgres')!;
const actor = { id: 1, username: 'ada' };

it('PostgreSQL audit: an intent, its result and an event cost one statement each; a stale head costs a re-read', async () => {
  const opened = await postgres.open();
  const [a, b] = [opened.db, opened.reopen()];
  await a.audit.append({ actorId: 1, actor: 'ada', action: 'first', phase: 'event' });
  const statements = logStatements();
  try {
    await auditedCall(a.audit, { actor, action: 'order.place', detail: {} }, async () => 'placed', { ok: () => ({}), error: () => ({ outcome: 'error', detail: {} }) });
    await a.audit.append({ actorId: 1, actor: 'ada', action: 'then', phase: 'event' });
    assert.deepEqual(statements.take().map((s) => s.split(' ')[0]), ['INSERT', 'INSERT', 'INSERT']);
    await b.audit.append({ actorId: 2, actor: 'bob', action: 'elsewhere', phase: 'event' });
    statements.take();
    const row = await a.audit.append({ actorId: 1, actor: 'ada', action: 'after', phase: 'event' });
    assert.deepEqual(statements.take().map((s) => s.split(' ')[0]), ['INSERT', 'SELECT', 'INSERT'], 'taken seq → newest row → next seq');
    assert.equal(row.seq, 6);
  } finally {
    statements.restore();
  }
  assert.deepEqual(await verifyAuditChain(opened.reopen()), { ok: true, rows: 6 });
  await opened.close();
});
