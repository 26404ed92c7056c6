import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { openDatabase } from '../db';
import { createSqliteAudit } from '../db/audit';
import { migrations, runMigrations } from '../db/migrations';
import { auditEvent, auditRefusal } from './events';
import { verifyAuditChain } from './verify';

const dir = mkdtempSync(join(tmpdir(), 'kd-audit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// The chain itself (append, complete, tampering, the CLI, CSV, concurrent appends) is tested against both stores
// in lib/db/audit.test.ts; this file keeps SQLite's migration 4.
describe('refused attempts', () => {
  test('migration 4 keeps an existing chain valid and accepts refused rows', async () => {
    const path = join(dir, 'pre-v4.sqlite');
    const raw = new Database(path);
    runMigrations(raw, migrations.filter((m) => m.version < 4));
    await auditEvent(createSqliteAudit(raw), { id: 1, username: 'ada' }, 'login', {});
    raw.close();
    const db = openDatabase(path);
    await auditRefusal(db.audit, { id: 1, username: 'ada' }, 'order.place', 'over_daily_limit', { pair: 'BTC/USD' });
    const row = (await db.audit.all()).at(-1)!;
    assert.equal(row.outcome, 'refused');
    assert.deepEqual(JSON.parse(row.detail), { reason: 'over_daily_limit', pair: 'BTC/USD', count: 1 });
    assert.equal((await verifyAuditChain(db)).ok, true);
    db.close();
  });
});
