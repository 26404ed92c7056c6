import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { verifyPassword } from '../../lib/auth/password';
import { openDatabase } from '../../lib/db';
import { runUserCli } from './testing/run-user-cli';

const dataDir = mkdtempSync(join(tmpdir(), 'kd-cli-'));
after(() => rmSync(dataDir, { recursive: true, force: true }));

/** `npm run user` with only DATA_DIR set: the CLI finds DATA_DIR/desk.sqlite by itself. */
const cli = (args: string[], stdin = '') => runUserCli(args, { DATA_DIR: dataDir, DATABASE_PATH: undefined, DATABASE_URL: undefined }, stdin);

async function readMember(username: string) {
  const db = openDatabase(join(dataDir, 'desk.sqlite'));
  try {
    return await db.members.findCredentials(username);
  } finally {
    db.close();
  }
}

describe('npm run user', () => {
  it('adds a member with a piped password into DATA_DIR/desk.sqlite, and lists it', async () => {
    const add = await cli(['add', 'Alice', '--role', 'admin'], 'first-password-1\n');
    assert.equal(add.code, 0, add.stderr);
    assert.equal(add.stdout.trim(), 'Created alice (admin).');
    const stored = await readMember('alice');
    assert.equal(stored?.member.role, 'admin');
    assert.equal(await verifyPassword('first-password-1', stored!.passwordHash), true);
    assert.match(stored!.passwordHash, /^scrypt\$17\$8\$1\$/);

    const list = await cli(['list']);
    assert.equal(list.code, 0);
    assert.match(list.stdout, /^USERNAME\s+ROLE\s+STATUS\s+CREATED\nalice\s+admin\s+active\s+\d{4}-\d\d-\d\d\n$/);
  });

  it('sets a new password from a piped first line (CRLF too), ending the member\'s sessions', async () => {
    const before = await readMember('alice');
    const passwd = await cli(['passwd', 'alice'], 'second-password-2\r\nignored second line\n');
    assert.equal(passwd.code, 0, passwd.stderr);
    const after = await readMember('alice');
    assert.equal(await verifyPassword('second-password-2', after!.passwordHash), true);
    assert.equal(after!.member.sessionVersion, before!.member.sessionVersion + 1);
  });

  it('exits 1 with a message on stderr when refused, 2 on a usage error', async () => {
    const refused = await cli(['passwd', 'nobody'], 'long-enough-pw\n');
    assert.equal(refused.code, 1);
    assert.equal(refused.stderr.trim(), 'No member named "nobody".');
    const usage = await cli(['frobnicate']);
    assert.equal(usage.code, 2);
    assert.match(usage.stderr, /^Unknown command "frobnicate"\.\n\nUsage: npm run user -- <command>/);
    assert.equal(usage.stdout, '');
  });
});
