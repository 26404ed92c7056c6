import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { auditRefusal } from '../audit/events';
import { openDatabase } from '../db/database';
import { noteRefusal, refusalWindow } from './refusal-audit';

const detailOf = (row: { detail: string }) => JSON.parse(row.detail) as Record<string, unknown>;

describe('one refusal mechanism', () => {
  it('order refusals and role/Origin refusals go through the same window of their audit log', async () => {
    const db = openDatabase(':memory:');
    const window = refusalWindow(db.audit);
    assert.equal(refusalWindow(() => db.audit), window, 'one window per audit log, however it is asked for');
    assert.notEqual(refusalWindow(openDatabase(':memory:').audit), window, 'another database has its own');
    for (let i = 0; i < 20; i += 1) {
      await auditRefusal(db.audit, { id: 2, username: 'tom' }, 'order.place', 'limit_daily_notional', { volume: String(i) }, 'BTC/USD');
      await noteRefusal(window, { id: 3, username: 'vic' }, 'POST /api/desk/freeze', 'forbidden', { role: 'viewer', needs: 'admin' });
    }
    const first = await db.audit.all();
    assert.deepEqual(first.map((r) => [r.actor, r.action, r.outcome, r.subject, detailOf(r).reason, detailOf(r).count]), [
      ['tom', 'order.place', 'refused', 'BTC/USD', 'limit_daily_notional', 1],
      ['vic', 'POST /api/desk/freeze', 'refused', null, 'forbidden', 1],
    ], 'the first refusal of each kind is written at once');
    assert.equal(detailOf(first[0]!).volume, '0', 'with what was asked');
    await window.flush();
    const summaries = (await db.audit.all()).slice(2);
    assert.deepEqual(summaries.map((r) => [r.actor, detailOf(r).count, detailOf(r).summary]), [['tom', 19, true], ['vic', 19, true]]);
    assert.equal(detailOf(summaries[0]!).volume, '19', 'the summary keeps the last attempt');
    db.close();
  });

  it('a different reason, action, member or order is a different kind: written at once', async () => {
    const db = openDatabase(':memory:');
    const tom = { id: 2, username: 'tom' };
    await auditRefusal(db.audit, tom, 'order.amend', 'desk_frozen', {}, 'OAAAAA-BBBBB-CCCCC1');
    await auditRefusal(db.audit, tom, 'order.amend', 'desk_frozen', {}, 'OAAAAA-BBBBB-CCCCC2');
    await auditRefusal(db.audit, tom, 'order.place', 'desk_frozen', {}, 'OAAAAA-BBBBB-CCCCC1');
    await auditRefusal(db.audit, tom, 'order.amend', 'limit_pair', {}, 'OAAAAA-BBBBB-CCCCC1');
    await auditRefusal(db.audit, { id: 4, username: 'tess' }, 'order.amend', 'desk_frozen', {}, 'OAAAAA-BBBBB-CCCCC1');
    assert.equal(await db.audit.count(), 5);
    await auditRefusal(db.audit, tom, 'order.amend', 'desk_frozen', {}, 'OAAAAA-BBBBB-CCCCC2');
    assert.equal(await db.audit.count(), 5, 'a repeat is only counted');
    db.close();
  });
});
