import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import Database from 'better-sqlite3';
import { openDatabase } from './database';
import { migrations, runMigrations } from './migrations';

const dir = mkdtempSync(join(tmpdir(), 'kd-db-'));
after(() => rmSync(dir, { recursive: true, force: true }));

// Reopening, idempotent migrations and the schema's own username rules run against both stores: schema.test.ts.
describe('openDatabase (SQLite)', () => {
  it('creates the folder, uses WAL and foreign keys, and records every migration', () => {
    const path = join(dir, 'nested', 'deeper', 'desk.sqlite');
    const db = openDatabase(path);
    db.close();
    assert.ok(existsSync(path));
    const raw = new Database(path);
    assert.equal(raw.pragma('journal_mode', { simple: true }), 'wal');
    const versions = raw.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as { version: number }[];
    assert.deepEqual(versions.map((v) => v.version), migrations.map((m) => m.version));
    raw.close();
  });

  it('creates the database and its -wal/-shm files readable by the desk user only (0600), and tightens an old 0644 file', async () => {
    const path = join(dir, 'private', 'desk.sqlite');
    const db = openDatabase(path);
    await db.members.create({ username: 'mode-check', passwordHash: 'x', role: 'viewer' });
    const mode = (file: string) => (statSync(file).mode & 0o777).toString(8);
    assert.equal(mode(path), '600');
    assert.equal(mode(`${path}-wal`), '600');
    assert.equal(mode(`${path}-shm`), '600');
    db.close();
    const old = join(dir, 'old.sqlite');
    writeFileSync(old, '');
    chmodSync(old, 0o644);
    openDatabase(old).close();
    assert.equal(mode(old), '600');
  });

});

describe('runMigrations', () => {
  it('applies only newer migrations, in order, and rolls back a failing one', () => {
    const raw = new Database(':memory:');
    const list = [
      { version: 2, name: 'two', sql: 'CREATE TABLE two (id INTEGER)' },
      { version: 1, name: 'one', sql: 'CREATE TABLE one (id INTEGER)' },
    ];
    assert.deepEqual(runMigrations(raw, list), [1, 2]);
    assert.deepEqual(runMigrations(raw, list), []);
    const broken = [...list, { version: 3, name: 'broken', sql: 'CREATE TABLE three (id INTEGER); SELECT nope FROM missing;' }];
    assert.throws(() => runMigrations(raw, broken), /no such table/);
    const three = raw.prepare("SELECT name FROM sqlite_master WHERE name = 'three'").get();
    assert.equal(three, undefined, 'the failed migration left no half-applied table');
    const max = raw.prepare('SELECT MAX(version) AS v FROM schema_migrations').get() as { v: number };
    assert.equal(max.v, 2);
    raw.close();
  });
});
