import assert from 'node:assert/strict';
import { it } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { CHECK_ERROR, forEachStore, UNIQUE_ERROR, type OpenedStore } from './contract/stores';
import { migrations, runMigrations } from './migrations';
import { postgresMigrations, runPostgresMigrations } from './postgres/migrations';

/** Runs the store's migrations once more on the same data, as a second start would. */
async function migrateAgain(store: OpenedStore, kind: 'sqlite' | 'postgres'): Promise<number[]> {
  if (kind === 'sqlite') {
    const raw = new Database(store.location);
    try {
      return runMigrations(raw);
    } finally {
      raw.close();
    }
  }
  const pool = new pg.Pool({ connectionString: store.location, max: 1 });
  try {
    return await runPostgresMigrations(pool);
  } finally {
    await pool.end();
  }
}

it('both stores number the same schema changes alike', () => {
  assert.deepEqual(postgresMigrations.map((m) => [m.version, m.name]), migrations.map((m) => [m.version, m.name]));
});

forEachStore('schema and migrations', (store) => {
  it('records every migration; opening again applies nothing and keeps the data', async () => {
    const opened = await store.open();
    const versions = await opened.sql('SELECT version FROM schema_migrations ORDER BY version');
    assert.deepEqual(versions.map((v) => v.version), migrations.map((m) => m.version));
    await opened.db.members.create({ username: 'alice', passwordHash: 'x', role: 'viewer' });
    await opened.db.close();
    const second = opened.reopen();
    assert.equal((await second.members.list()).length, 1);
    await second.close();
    assert.deepEqual(await migrateAgain(opened, store.name), []);
    const [count] = await opened.sql('SELECT COUNT(*) AS n FROM schema_migrations');
    assert.equal(Number(count!.n), migrations.length);
    await opened.close();
  });

  it('enforces username rules in the schema itself, not only in code', async () => {
    const opened = await store.open();
    const insert = (name: string) =>
      opened.sql("INSERT INTO members (username, password_hash, role, created_at, updated_at) VALUES ($1, 'h', 'viewer', 'now', 'now')", [name]);
    await insert('bob');
    await assert.rejects(insert('bob'), UNIQUE_ERROR);
    await assert.rejects(insert('BOB'), CHECK_ERROR, 'stored names are lowercase');
    await assert.rejects(insert('no spaces'), CHECK_ERROR);
    await assert.rejects(insert('ab'), CHECK_ERROR);
    await assert.rejects(opened.sql("UPDATE members SET role = 'root'"), CHECK_ERROR);
    await opened.close();
  });
});
