import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import { openDatabase } from '../db';
import { createSqliteAudit } from '../db/audit';
import { migrations, runMigrations } from '../db/migrations';
import { auditCsv } from './csv';
import { auditedCall, auditEvent, auditRefusal } from './events';
import { auditRowHash, canonicalAuditText, GENESIS_HASH } from './hash';
import { verifyAuditChain } from './verify';

const dir = mkdtempSync(join(tmpdir(), 'kd-audit-'));
after(() => rmSync(dir, { recursive: true, force: true }));

async function seeded(name: string) {
  const path = join(dir, name);
  const db = openDatabase(path);
  const actor = { id: 1, username: 'ada' };
  await auditEvent(db.audit, actor, 'login', { ip: '127.0.0.1' });
  await auditedCall(db.audit, { actor, action: 'order.place', idempotencyKey: 'k1', detail: { volume: '0.1' } }, async () => ({ txid: 'OAAAAA-BBBBB-CCCCCC' }), { ok: (r) => r, error: () => ({ outcome: 'error', detail: {} }) });
  await assert.rejects(auditedCall(db.audit, { actor, action: 'order.cancel', detail: {} }, async () => { throw new Error('refused'); }, { ok: (r) => r, error: () => ({ outcome: 'unknown', detail: { code: 'x' } }) }));
  await auditEvent(db.audit, actor, 'desk.freeze', { frozen: true });
  return { path, db };
}

describe('audit hash chain', () => {
  test('rows chain from the genesis hash over canonical text; intents are completed by result rows', async () => {
    const { db } = await seeded('ok.sqlite');
    const rows = await db.audit.all();
    assert.deepEqual(rows.map((r) => `${r.seq}:${r.action}:${r.phase}:${r.outcome ?? ''}`), [
      '1:login:event:ok', '2:order.place:intent:', '3:order.place:result:ok', '4:order.cancel:intent:', '5:order.cancel:result:unknown', '6:desk.freeze:event:ok',
    ]);
    assert.equal(rows[0]!.prevHash, GENESIS_HASH);
    assert.equal(rows[2]!.intentSeq, 2);
    assert.equal(rows[1]!.hash, auditRowHash(rows[1]!));
    assert.equal(rows[2]!.prevHash, rows[1]!.hash);
    assert.match(canonicalAuditText(rows[0]!), /^\[1,"/);
    assert.deepEqual(await db.audit.openIntents(), []);
    await assert.rejects(db.audit.complete(2, 'ok', {}), /UNIQUE/, 'an intent is completed once');
    assert.deepEqual(await verifyAuditChain(db), { ok: true, rows: 6 });
    db.close();
  });

  test('verification finds the first edited row, a removed row and a re-linked row', async () => {
    const { path, db } = await seeded('tamper.sqlite');
    db.close();
    const raw = new Database(path);
    raw.prepare("UPDATE audit_log SET detail = '{\"volume\":\"10\"}' WHERE seq = 2").run();
    let report = await verifyAuditChain(openDatabase(path));
    assert.deepEqual(report.firstBroken, { seq: 2, reason: 'hash does not match the row (the row was edited)' });

    raw.prepare("UPDATE audit_log SET detail = '{\"volume\":\"0.1\"}' WHERE seq = 2").run();
    assert.equal((await verifyAuditChain(openDatabase(path))).ok, true, 'restoring the text restores the chain');

    raw.prepare('DELETE FROM audit_log WHERE seq = 4').run();
    report = await verifyAuditChain(openDatabase(path));
    assert.equal(report.firstBroken?.seq, 5);
    assert.match(report.firstBroken!.reason, /row 4 is missing/);
    raw.close();
  });

  test('npm run audit:verify exits 0 on an intact chain and 1 naming the edited row', async () => {
    const { path, db } = await seeded('cli.sqlite');
    db.close();
    const run = () => spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '..', '..', 'server', 'cli', 'audit-verify.ts'), '--db', path], { encoding: 'utf8' });
    const intact = run();
    assert.equal(intact.status, 0, intact.stderr);
    assert.match(intact.stdout, /Audit chain intact: 6 rows verified/);
    const raw = new Database(path);
    raw.prepare("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3").run();
    raw.close();
    const broken = run();
    assert.equal(broken.status, 1);
    assert.match(broken.stdout, /Audit chain BROKEN at row 3: hash does not match the row/);
  });

  test('CSV export quotes fields and defuses spreadsheet formulas', async () => {
    const db = openDatabase(':memory:');
    await auditEvent(db.audit, { id: null, username: 'system' }, '=HYPERLINK("x")', { note: 'a,"b"' });
    const csv = auditCsv(await db.audit.all());
    const [header, line] = csv.split('\r\n');
    assert.equal(header, 'seq,at,actorId,actor,action,phase,intentSeq,idempotencyKey,subject,outcome,detail,prevHash,hash');
    assert.match(line!, /,"'=HYPERLINK\(""x""\)",event,/);
    assert.match(line!, /"\{""note"":""a,\\""b\\""""\}"/);
    db.close();
  });

  test('CSV export neutralises @, +, - and tab starts but keeps a negative number as a number', async () => {
    const db = openDatabase(':memory:');
    const actor = { id: null, username: 'system' };
    await auditEvent(db.audit, actor, '@SUM(A1)', {}, { subject: '-0.5' });
    await auditEvent(db.audit, actor, '+cmd', {}, { subject: '-2+3' });
    await auditEvent(db.audit, actor, '\tx', {}, { subject: '12.5' });
    const [, a, b, c] = auditCsv(await db.audit.all()).split('\r\n');
    assert.match(a!, /,'@SUM\(A1\),event,,,-0\.5,ok,/);
    assert.match(b!, /,'\+cmd,event,,,'-2\+3,ok,/);
    assert.match(c!, /,'\tx,event,,,12\.5,ok,/);
    db.close();
  });
});

describe('refused attempts', () => {
  test('migration 4 keeps an existing chain valid and accepts refused rows', async () => {
    const path = join(dir, 'pre-v4.sqlite');
    const raw = new Database(path);
    runMigrations(raw, migrations.filter((m) => m.version < 4));
    await auditEvent(createSqliteAudit(raw), { id: 1, username: 'ada' }, 'login', {});
    raw.close();
    const db = openDatabase(path);
    const row = await auditRefusal(db.audit, { id: 1, username: 'ada' }, 'order.place', 'over_daily_limit', { pair: 'BTC/USD' });
    assert.equal(row.outcome, 'refused');
    assert.deepEqual(JSON.parse(row.detail), { reason: 'over_daily_limit', pair: 'BTC/USD' });
    assert.equal((await verifyAuditChain(db)).ok, true);
    db.close();
  });
});
