import assert from 'node:assert/strict';
import { test } from 'node:test';
import { auditCsv } from './csv';
import type { AuditRecord } from './hash';

const row = (seq: number, action: string, subject: string | null): AuditRecord => ({
  seq, at: '2026-01-02T03:04:05.000Z', actorId: null, actor: 'system', action, phase: 'event', intentSeq: null,
  idempotencyKey: null, subject, outcome: 'ok', detail: '{}', prevHash: 'p', hash: 'h',
});

test('audit CSV neutralises @, +, - and tab starts but keeps a negative number as a number', () => {
  const [, a, b, c] = auditCsv([row(1, '@SUM(A1)', '-0.5'), row(2, '+cmd', '-2+3'), row(3, '\tx', '12.5')]).split('\r\n');
  assert.equal(a, "1,2026-01-02T03:04:05.000Z,,system,'@SUM(A1),event,,,-0.5,ok,{},p,h");
  assert.equal(b, "2,2026-01-02T03:04:05.000Z,,system,'+cmd,event,,,'-2+3,ok,{},p,h");
  assert.equal(c, "3,2026-01-02T03:04:05.000Z,,system,'\tx,event,,,12.5,ok,{},p,h");
});
