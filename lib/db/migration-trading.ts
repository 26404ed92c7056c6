/**
 * The audit table's CREATE TABLE text. Migrations 2 and 4 both build it (4 rebuilds it to widen the outcome
 * CHECK), so the column list lives once. The text is part of shipped migrations: keep its output unchanged.
 */
function auditTableSql(table: string, outcomes: readonly string[]): string {
  const allowed = outcomes.map((outcome) => `'${outcome}'`).join(', ');
  return `  CREATE TABLE ${table} (
    seq              INTEGER PRIMARY KEY AUTOINCREMENT,
    at               TEXT    NOT NULL,
    actor_id         INTEGER,
    actor            TEXT    NOT NULL,
    action           TEXT    NOT NULL,
    phase            TEXT    NOT NULL CHECK (phase IN ('intent', 'result', 'event')),
    intent_seq       INTEGER,
    idempotency_key  TEXT,
    subject          TEXT,
    detail           TEXT    NOT NULL,
    outcome          TEXT    CHECK (outcome IN (${allowed})),
    prev_hash        TEXT    NOT NULL,
    hash             TEXT    NOT NULL
  );`;
}

/**
 * Migration 2: what the private path stores. Money columns are decimal TEXT (never REAL) so sums are
 * done with decimal.js in code, not with SQLite's floats.
 */
export const TRADING_MIGRATION_SQL = `
  CREATE TABLE member_limits (
    member_id      INTEGER PRIMARY KEY REFERENCES members(id) ON DELETE CASCADE,
    max_order_usd  TEXT,
    max_day_usd    TEXT,
    allowed_pairs  TEXT,
    allowed_types  TEXT,
    updated_at     TEXT NOT NULL,
    updated_by     INTEGER
  );

  CREATE TABLE desk_settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );

  CREATE TABLE desk_orders (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    idempotency_key  TEXT    NOT NULL UNIQUE,
    cl_ord_id        TEXT    NOT NULL UNIQUE,
    member_id        INTEGER NOT NULL REFERENCES members(id),
    request_hash     TEXT    NOT NULL,
    symbol           TEXT    NOT NULL,
    side             TEXT    NOT NULL,
    order_type       TEXT    NOT NULL,
    volume           TEXT    NOT NULL,
    price            TEXT,
    notional_usd     TEXT    NOT NULL,
    utc_day          TEXT    NOT NULL,
    state            TEXT    NOT NULL CHECK (state IN ('pending', 'placed', 'rejected', 'unknown')),
    txid             TEXT,
    response_status  INTEGER,
    response_body    TEXT,
    created_at       TEXT    NOT NULL,
    updated_at       TEXT    NOT NULL
  );
  CREATE INDEX desk_orders_txid ON desk_orders (txid);
  CREATE INDEX desk_orders_member_day ON desk_orders (member_id, utc_day);

${auditTableSql('audit_log', ['ok', 'error', 'unknown'])}
  CREATE UNIQUE INDEX audit_log_one_result ON audit_log (intent_seq) WHERE phase = 'result';
`;

/**
 * SQLite cannot alter a CHECK constraint, so the audit table is rebuilt with `refused` allowed. Rows are
 * copied as they are (same seq, same hashes), so the chain verifies unchanged.
 */
export const REFUSED_OUTCOME_MIGRATION_SQL = `
${auditTableSql('audit_log_v4', ['ok', 'error', 'unknown', 'refused'])}
  INSERT INTO audit_log_v4 SELECT seq, at, actor_id, actor, action, phase, intent_seq, idempotency_key, subject,
    detail, outcome, prev_hash, hash FROM audit_log ORDER BY seq;
  DROP TABLE audit_log;
  ALTER TABLE audit_log_v4 RENAME TO audit_log;
  CREATE UNIQUE INDEX audit_log_one_result ON audit_log (intent_seq) WHERE phase = 'result';
`;
