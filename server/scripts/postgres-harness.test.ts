import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { findPostgresBinaries, NO_POSTGRES_MESSAGE, testPostgres } from './postgres-harness';

const dir = mkdtempSync(join(tmpdir(), 'kd-pg-harness-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function fakeInstall(root: string, version: string, files = ['postgres', 'initdb', 'pg_ctl']) {
  mkdirSync(join(root, version, 'bin'), { recursive: true });
  for (const file of files) writeFileSync(join(root, version, 'bin', file), '');
}

describe('PostgreSQL for the tests', () => {
  it('uses the newest complete server install under /usr/lib/postgresql-style roots', () => {
    const saved = process.env.POSTGRES_BIN_DIR;
    delete process.env.POSTGRES_BIN_DIR;
    try {
      const root = join(dir, 'lib-postgresql');
      assert.equal(findPostgresBinaries(root), null, 'no folder, no binaries');
      fakeInstall(root, '9.6');
      fakeInstall(root, '15');
      fakeInstall(root, '16', ['psql']); // client only: no server to start
      assert.equal(findPostgresBinaries(root), join(root, '15', 'bin'));
    } finally {
      if (saved !== undefined) process.env.POSTGRES_BIN_DIR = saved;
    }
  });

  it('fails loudly, saying how to get a server, when there is neither TEST_DATABASE_URL nor a server install', async () => {
    const saved = { url: process.env.TEST_DATABASE_URL, bin: process.env.POSTGRES_BIN_DIR };
    delete process.env.TEST_DATABASE_URL;
    process.env.POSTGRES_BIN_DIR = join(dir, 'nowhere');
    try {
      await assert.rejects(testPostgres(), (e: Error) => e.message === NO_POSTGRES_MESSAGE);
    } finally {
      if (saved.url !== undefined) process.env.TEST_DATABASE_URL = saved.url;
      process.env.POSTGRES_BIN_DIR = saved.bin ?? '';
      if (saved.bin === undefined) delete process.env.POSTGRES_BIN_DIR;
    }
    assert.match(NO_POSTGRES_MESSAGE, /TEST_DATABASE_URL=postgres:\/\//);
    assert.match(NO_POSTGRES_MESSAGE, /apt-get install -y postgresql/);
  });

  it('a test run that selects the contract suite fails (never skips) without a server', () => {
    const env = { ...process.env, TEST_DATABASE_URL: '', POSTGRES_BIN_DIR: join(dir, 'nowhere') };
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'server/scripts/run-tests.ts', '--unit', 'lib/db/favourites'], { encoding: 'utf8', env });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /needs a PostgreSQL server, and none was found/);
    assert.match(run.stdout, /0 passed, 1 failed/);
  });
});
