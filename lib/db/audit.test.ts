import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { it } from 'node:test';
import { auditCsv } from '../audit/csv';
import { auditedCall, auditEvent } from '../audit/events';
import { auditRowHash, canonicalAuditText, GENESIS_HASH } from '../audit/hash';
import { verifyAuditChain } from '../audit/verify';
import { forEachStore, UNIQUE_ERROR, type StoreUnderTest } from './contract/stores';

async function seeded(store: StoreUnderTest) {
  const opened = await store.open();
  const { db } = opened;
  const actor = { id: 1, username: 'ada' };
  await auditEvent(db.audit, actor, 'login', { ip: '127.0.0.1' });
  await auditedCall(db.audit, { actor, action: 'order.place', idempotencyKey: 'k1', detail: { volume: '0.1' } }, async () => ({ txid: 'OAAAAA-BBBBB-CCCCCC' }), { ok: (r) => r, error: () => ({ outcome: 'error', detail: {} }) });
  await assert.rejects(auditedCall(db.audit, { actor, action: 'order.cancel', detail: {} }, async () => { throw new Error('refused'); }, { ok: (r) => r, error: () => ({ outcome: 'unknown', detail: { code: 'x' } }) }));
  await auditEvent(db.audit, actor, 'desk.freeze', { frozen: true });
  return opened;
}

const CLI = join(import.meta.dirname, '..', '..', 'server', 'cli', 'audit-verify.ts');

forEachStore('audit hash chain', (store) => {
  it('rows chain from the genesis hash over canonical text; intents are completed by result rows', async () => {
    const opened = await seeded(store);
    const { db } = opened;
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
    await assert.rejects(db.audit.complete(2, 'ok', {}), UNIQUE_ERROR, 'an intent is completed once');
    assert.deepEqual(await verifyAuditChain(db), { ok: true, rows: 6 });
    assert.equal(await db.audit.count(), 6);
    const newest = await db.audit.page({ limit: 4 });
    assert.deepEqual(newest.rows.map((r) => r.seq), [6, 5, 4, 3]);
    const older = await db.audit.page({ limit: 4, beforeSeq: newest.nextBeforeSeq });
    assert.deepEqual([older.rows.map((r) => r.seq), older.nextBeforeSeq], [[2, 1], undefined]);
    await opened.close();
  });

  it('verification finds the first edited row, a removed row and a re-linked row', async () => {
    const opened = await seeded(store);
    await opened.db.close();
    await opened.sql("UPDATE audit_log SET detail = '{\"volume\":\"10\"}' WHERE seq = 2");
    let report = await verifyAuditChain(opened.reopen());
    assert.deepEqual(report.firstBroken, { seq: 2, reason: 'hash does not match the row (the row was edited)' });

    await opened.sql("UPDATE audit_log SET detail = '{\"volume\":\"0.1\"}' WHERE seq = 2");
    assert.equal((await verifyAuditChain(opened.reopen())).ok, true, 'restoring the text restores the chain');

    await opened.sql('DELETE FROM audit_log WHERE seq = 4');
    report = await verifyAuditChain(opened.reopen());
    assert.equal(report.firstBroken?.seq, 5);
    assert.match(report.firstBroken!.reason, /row 4 is missing/);
    await opened.close();
  });

  it('npm run audit:verify exits 0 on an intact chain and 1 naming the edited row (--db, and the env)', async () => {
    const opened = await seeded(store);
    await opened.db.close();
    const run = (args: string[], env: Record<string, string> = {}) =>
      spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], { encoding: 'utf8', env: { ...process.env, ...env } });
    const intact = run(['--db', opened.location]);
    assert.equal(intact.status, 0, intact.stderr);
    assert.match(intact.stdout, /Audit chain intact: 6 rows verified/);
    // Without --db the CLI reads the store the desk uses: DATABASE_URL when set, else DATABASE_PATH.
    const fromEnv = run([], store.name === 'postgres' ? { DATABASE_URL: opened.location } : { DATABASE_URL: '', DATABASE_PATH: opened.location });
    assert.equal(fromEnv.status, 0, fromEnv.stderr);
    assert.match(fromEnv.stdout, /Audit chain intact: 6 rows verified/);
    await opened.sql("UPDATE audit_log SET actor = 'mallory' WHERE seq = 3");
    const broken = run(['--db', opened.location]);
    assert.equal(broken.status, 1);
    assert.match(broken.stdout, /Audit chain BROKEN at row 3: hash does not match the row/);
    await opened.close();
  });

  it('CSV export quotes fields and defuses spreadsheet formulas', async () => {
    const opened = await store.open();
    await auditEvent(opened.db.audit, { id: null, username: 'system' }, '=HYPERLINK("x")', { note: 'a,"b"' });
    const csv = auditCsv(await opened.db.audit.all());
    const [header, line] = csv.split('\r\n');
    assert.equal(header, 'seq,at,actorId,actor,action,phase,intentSeq,idempotencyKey,subject,outcome,detail,prevHash,hash');
    assert.match(line!, /,"'=HYPERLINK\(""x""\)",event,/);
    assert.match(line!, /"\{""note"":""a,\\""b\\""""\}"/);
    await opened.close();
  });

  it('200 appends at once from two desk instances (two connection pools) still form one valid chain', async () => {
    const opened = await store.open();
    const instances = [opened.db, opened.reopen()];
    const appends = Array.from({ length: 200 }, (_, i) =>
      auditEvent(instances[i % 2]!.audit, { id: i % 2, username: `instance-${i % 2}` }, 'concurrent.append', { i }));
    const written = await Promise.all(appends);
    assert.deepEqual(written.map((r) => r.seq).sort((a, b) => a - b), Array.from({ length: 200 }, (_, i) => i + 1), 'every append got its own seq');
    assert.deepEqual(await verifyAuditChain(opened.reopen()), { ok: true, rows: 200 });
    const rows = await opened.db.audit.all();
    assert.equal(new Set(rows.map((r) => r.prevHash)).size, 200, 'no two rows chain onto the same previous row');
    await opened.close();
  });

  it('intents appended on one instance and completed on the other, amid events from both, form one valid chain', async () => {
    const opened = await store.open();
    const [a, b] = [opened.db, opened.reopen()];
    const actor = { id: 1, username: 'ada' };
    const intents = await Promise.all(Array.from({ length: 40 }, (_, i) => a.audit.append({ actorId: 1, actor: 'ada', action: 'order.place', phase: 'intent', idempotencyKey: `k${i}`, detail: { i } })));
    await Promise.all([
      ...intents.map((intent, i) => (i % 2 ? a : b).audit.complete(intent.seq, 'ok', { i })),
      ...Array.from({ length: 40 }, (_, i) => auditEvent((i % 2 ? b : a).audit, actor, 'concurrent.event', { i })),
    ]);
    assert.deepEqual(await a.audit.openIntents(), []);
    assert.deepEqual(await verifyAuditChain(opened.reopen()), { ok: true, rows: 120 });
    const results = (await b.audit.all()).filter((r) => r.phase === 'result');
    assert.deepEqual(results.map((r) => r.idempotencyKey).sort(), intents.map((r) => r.idempotencyKey).sort(), 'each result names its intent');
    await assert.rejects(b.audit.complete(intents[0]!.seq, 'ok', {}), UNIQUE_ERROR, 'completed once, whichever instance tries again');
    await assert.rejects(a.audit.complete(intents[1]!.seq, 'ok', {}), UNIQUE_ERROR);
    assert.equal((await a.audit.append({ actorId: 1, actor: 'ada', action: 'after', phase: 'event' })).seq, 121, 'a refused row leaves no gap');
    assert.deepEqual(await verifyAuditChain(opened.reopen()), { ok: true, rows: 121 });
    await opened.close();
  });
});
