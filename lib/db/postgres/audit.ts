import type { AuditRepository } from '../audit';
import type { AuditRecord } from '../../audit/hash';
import {
  auditPageSize, chainedRecord, entryFields, OPEN_INTENTS_SQL, resultFields, toAuditPage, toAuditRecord, type AuditFields,
  type AuditRow,
} from '../audit-rows';
import type { PgClient } from './client';

type Head = { seq: number; hash: string };

/** Intents this process appended and has not completed yet, by seq: completing one needs no read of it. */
const OPEN_INTENTS_KEPT = 10_000;

const INSERT_SQL = `INSERT INTO audit_log (seq, at, actor_id, actor, action, phase, intent_seq, idempotency_key, subject, detail, outcome, prev_hash, hash)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
  ON CONFLICT (seq) DO NOTHING`;

const rowOf = (record: AuditRecord): AuditRow => ({
  seq: record.seq, at: record.at, actor_id: record.actorId, actor: record.actor, action: record.action, phase: record.phase,
  intent_seq: record.intentSeq, idempotency_key: record.idempotencyKey, subject: record.subject, detail: record.detail,
  outcome: record.outcome, prev_hash: record.prevHash, hash: record.hash,
});

export function createPostgresAudit(db: PgClient, now: () => Date = () => new Date()): AuditRepository {
  /**
   * Several desk instances append to one chain. A row chains onto the newest row this process knows of and is
   * inserted at the next seq; `seq` is the primary key, so only one row can ever take a seq, and a concurrent insert
   * of the same seq waits for the first to commit and then inserts nothing. Nothing inserted → another instance
   * appended meanwhile: read the newest row (each statement's snapshot is fresh under READ COMMITTED) and chain onto
   * that. Rows are never deleted and every row is inserted at (a stored row's seq) + 1, so seqs have no gaps, the head
   * read is the last row, and no two rows ever chain onto the same previous row. One statement per append while
   * this process is the only writer; appends of this process queue so they do not race each other.
   */
  let head: Head | undefined;
  let queue: Promise<unknown> = Promise.resolve();
  const openIntents = new Map<number, AuditRow>();

  const readHead = async () =>
    (await db.query<Head>('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1')).rows[0];

  async function insert(fields: AuditFields): Promise<AuditRecord> {
    let previous = head ?? await readHead();
    for (;;) {
      const record = chainedRecord(fields, previous);
      const inserted = await db.query(INSERT_SQL, [record.seq, record.at, record.actorId, record.actor, record.action, record.phase,
        record.intentSeq, record.idempotencyKey, record.subject, record.detail, record.outcome, record.prevHash, record.hash], 'desk_audit_insert');
      if (inserted.rowCount === 1) {
        head = { seq: record.seq, hash: record.hash };
        return record;
      }
      previous = await readHead();
    }
  }

  const write = (fields: AuditFields): Promise<AuditRecord> => {
    const turn = queue.then(() => insert(fields));
    // a failed append (a second result for one intent) does not stop the next one
    queue = turn.catch(() => undefined);
    return turn;
  };

  return {
    async append(entry) {
      const record = await write(entryFields(entry, now()));
      if (record.phase === 'intent') {
        if (openIntents.size >= OPEN_INTENTS_KEPT) openIntents.delete(openIntents.keys().next().value!);
        openIntents.set(record.seq, rowOf(record));
      }
      return record;
    },
    async complete(intentSeq, outcome, detail) {
      const kept = openIntents.get(intentSeq);
      openIntents.delete(intentSeq);
      const intent = kept ?? (await db.query<AuditRow>('SELECT * FROM audit_log WHERE seq = $1', [intentSeq])).rows[0];
      return write(resultFields(intent, intentSeq, outcome, detail, now()));
    },
    async page({ limit = 100, beforeSeq } = {}) {
      const size = auditPageSize(limit);
      const { rows } = await db.query<AuditRow>('SELECT * FROM audit_log WHERE seq < $1::bigint ORDER BY seq DESC LIMIT $2',
        [beforeSeq ?? Number.MAX_SAFE_INTEGER, size + 1]);
      return toAuditPage(rows, size);
    },
    async all() {
      return (await db.query<AuditRow>('SELECT * FROM audit_log ORDER BY seq')).rows.map(toAuditRecord);
    },
    async openIntents() {
      return (await db.query<AuditRow>(OPEN_INTENTS_SQL)).rows.map(toAuditRecord);
    },
    async count() {
      return (await db.query<{ n: number }>('SELECT COUNT(*)::int AS n FROM audit_log')).rows[0]?.n ?? 0;
    },
  };
}
