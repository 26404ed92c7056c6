import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import pg from 'pg';
import { STORES } from '../contract/stores';
import { auditRefusal } from '../../audit/events';
import { auditRowHash, GENESIS_HASH } from '../../audit/hash';
import { verifyAuditChain } from '../../audit/verify';
import { postgresMigrations, runPostgresMigrations } from './migrations';

// The SQLite counterpart is runMigrations in database.test.ts; these run on the contract suite's PostgreSQL.
const postgres = STORES.find((s) => s.name === 'postgres')!;

describe('runPostgresMigrations', () => {
  it('applies only newer migrations, in order, and rolls back a failing one', async () => {
    const opened = await postgres.open();
    const pool = new pg.Pool({ connectionString: opened.location, max: 1 });
    const list = [
      { version: 102, name: 'two', sql: 'CREATE TABLE two (id integer)' },
      { version: 101, name: 'one', sql: 'CREATE TABLE one (id integer)' },
    ];
    assert.deepEqual(await runPostgresMigrations(pool, list), [101, 102]);
    assert.deepEqual(await runPostgresMigrations(pool, list), []);
    const broken = [...list, { version: 103, name: 'broken', sql: 'CREATE TABLE three (id integer); SELECT nope FROM missing;' }];
    await assert.rejects(runPostgresMigrations(pool, broken), /relation "missing" does not exist/);
    const [three] = await opened.sql("SELECT to_regclass('three') AS t");
    assert.equal(three!.t, null, 'the failed migration left no half-applied table');
    const [max] = await opened.sql('SELECT MAX(version) AS v FROM schema_migrations');
    assert.equal(max!.v, 103 - 1);
    await pool.end();
    await opened.close();
  });

  it('two desk instances starting at once apply a migration exactly once (advisory lock)', async () => {
    const opened = await postgres.open();
    const pools = [0, 1].map(() => new pg.Pool({ connectionString: opened.location, max: 1 }));
    // The sleep keeps the first holder inside its transaction while the second arrives.
    const list = [{ version: 104, name: 'slow', sql: 'SELECT pg_sleep(0.3); CREATE TABLE slow (id integer)' }];
    const results = await Promise.all(pools.map((pool) => runPostgresMigrations(pool, list)));
    assert.deepEqual(results.map((r) => r.join()).sort(), ['', '104']);
    const [row] = await opened.sql('SELECT COUNT(*)::int AS n FROM schema_migrations WHERE version = 104');
    assert.equal(row!.n, 1);
    await Promise.all(pools.map((pool) => pool.end()));
    await opened.close();
  });

  it('a desk on an unreachable server fails ready() with the reason, and tries again on the next call', async () => {
    const opened = await postgres.open();
    const url = new URL(opened.location);
    url.pathname = '/no_such_database_here';
    const db = opened.reopen();
    const lost = (await import('./database')).openPostgresDatabase(url.toString());
    await assert.rejects(lost.ready(), /database "no_such_database_here" does not exist/);
    await assert.rejects(lost.members.list(), /does not exist/, 'every repository call reports it too');
    await lost.close();
    assert.deepEqual(await db.members.list(), []);
    await opened.close();
  });

  it('migration 4 keeps an existing chain valid and accepts refused rows', async () => {
    const opened = await postgres.open({ migrate: false });
    const pool = new pg.Pool({ connectionString: opened.location, max: 1 });
    assert.deepEqual(await runPostgresMigrations(pool, postgresMigrations.filter((m) => m.version < 4)), [1, 2, 3]);
    const row = { seq: 1, at: '2026-01-02T03:04:05.000Z', actorId: 1, actor: 'ada', action: 'login', phase: 'event' as const, intentSeq: null,
      idempotencyKey: null, subject: null, detail: '{}', outcome: 'ok' as const, prevHash: GENESIS_HASH };
    await opened.sql(`INSERT INTO audit_log (seq, at, actor_id, actor, action, phase, detail, outcome, prev_hash, hash)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`, [1, row.at, 1, 'ada', 'login', 'event', '{}', 'ok', GENESIS_HASH, auditRowHash(row)]);
    await assert.rejects(opened.sql(`INSERT INTO audit_log (seq, at, actor, action, phase, detail, outcome, prev_hash, hash)
      VALUES (2, 'x', 'ada', 'x', 'event', '{}', 'refused', 'x', 'x')`), /check constraint/, 'before migration 4 refused is not allowed');
    await pool.end();
    // The desk's first use applies migration 4.
    await auditRefusal(opened.db.audit, { id: 1, username: 'ada' }, 'order.place', 'over_daily_limit', { pair: 'BTC/USD' });
    const refused = (await opened.db.audit.all()).at(-1)!;
    assert.equal(refused.outcome, 'refused');
    assert.deepEqual(JSON.parse(refused.detail), { reason: 'over_daily_limit', pair: 'BTC/USD', count: 1 });
    assert.deepEqual(await verifyAuditChain(opened.db), { ok: true, rows: 2 });
    await opened.close();
  });
});
