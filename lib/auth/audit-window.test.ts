import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openDatabase } from '../db/database';
import { verifyAuditRows } from '../audit/verify';
import { AuditWindow, auditSafeText } from './audit-window';

const refusal = (reason: string) => ({ action: 'POST /api/desk/freeze', actor: { id: 3, username: 'viewer' }, outcome: 'refused' as const, detail: { reason } });
const counts = (rows: { detail: string }[]) => rows.map((r) => (JSON.parse(r.detail) as { count: number }).count);

describe('AuditWindow', () => {
  it('writes the first attempt at once and one summary with the count when the window closes', async () => {
    const db = openDatabase(':memory:');
    let now = 0;
    const window = new AuditWindow(() => db.audit, { now: () => now, timer: false, windowMs: 60_000 });
    for (let i = 0; i < 500; i += 1) await window.note('viewer|forbidden', refusal('forbidden'));
    assert.equal(await db.audit.count(), 1, 'only the first is written while the window is open');
    now = 60_000;
    await window.note('viewer|cross_origin', refusal('cross_origin'));
    const rows = await db.audit.all();
    assert.deepEqual(counts(rows), [1, 499, 1]);
    assert.equal(JSON.parse(rows[1]!.detail).summary, true);
    assert.deepEqual(rows.map((r) => r.outcome), ['refused', 'refused', 'refused']);
    assert.equal(verifyAuditRows(rows).ok, true, 'rows are plain appends to the hash chain');
    db.close();
  });

  it('bounds the rows whatever the attacker varies: past maxKeys, new keys share one overflow window', async () => {
    const db = openDatabase(':memory:');
    const window = new AuditWindow(() => db.audit, { now: () => 0, timer: false, maxKeys: 10 });
    for (let i = 0; i < 1000; i += 1) await window.note(`user${i}|1.2.3.4`, { ...refusal('x'), actor: { id: null, username: `user${i}` } });
    await window.flush();
    const rows = await db.audit.all();
    assert.ok(rows.length <= 12, `${rows.length} rows`);
    assert.equal(counts(rows).reduce((a, b) => a + b, 0), 1000);
    assert.ok(rows.some((r) => r.actor === '(many)'));
    db.close();
  });

  it('keeps attacker text printable and short', () => {
    assert.equal(auditSafeText('ab\u202ecd\n'), 'ab?cd?');
    assert.equal(auditSafeText('x'.repeat(100), 10), 'xxxxxxx...');
  });
});
