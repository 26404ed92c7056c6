import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { verifyPassword } from '../../lib/auth/password';
import { openDatabase } from '../../lib/db';
import { CliError } from './read-password';
import { runUserCommand } from './user-commands';

function harness(passwords: string[] = []) {
  const db = openDatabase(':memory:');
  const out: string[] = [];
  const prompts: string[] = [];
  const run = (...argv: string[]) =>
    runUserCommand(db, argv, {
      out: (line) => out.push(line),
      readPassword: async (prompt) => {
        prompts.push(prompt);
        return passwords.shift() ?? '';
      },
    });
  return { db, out, prompts, run };
}

async function refused(promise: Promise<void>, exitCode: number, message: RegExp) {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(error instanceof CliError, String(error));
    assert.equal(error.exitCode, exitCode);
    assert.match(error.message, message);
    return true;
  });
}

describe('member CLI commands', () => {
  it('adds with viewer as the default role, prompting for the password by name', async () => {
    const { db, out, prompts, run } = harness(['viewer-pass-1']);
    await run('add', 'Dana');
    assert.deepEqual(out, ['Created dana (viewer).']);
    assert.deepEqual(prompts, ['Password for dana: ']);
    const stored = await db.members.findCredentials('dana');
    assert.equal(await verifyPassword('viewer-pass-1', stored!.passwordHash), true);
    db.close();
  });

  it('refuses bad input before touching the database or asking for a password', async () => {
    const { db, prompts, run } = harness();
    await refused(run('add', 'x'), 2, /3 to 32 characters/);
    await refused(run('add', 'ok-name', '--role', 'boss'), 2, /--role must be one of viewer, trader, admin/);
    await refused(run('add', 'ok-name', '--force'), 2, /Unknown option --force/);
    await refused(run('add'), 2, /Usage: npm run user -- add <name>/);
    await refused(run('role', 'only-one-arg'), 2, /Usage: npm run user -- role/);
    await refused(run('list', 'extra'), 2, /Usage: npm run user -- list/);
    await refused(run(), 2, /^Usage: npm run user -- <command>/);
    assert.deepEqual(prompts, []);
    assert.deepEqual(await db.members.list(), []);
    db.close();
  });

  it('refuses a weak password and a taken name', async () => {
    const { db, run } = harness(['short']);
    await refused(run('add', 'erin'), 1, /at least 10 characters/);
    assert.equal(await db.members.findByUsername('erin'), null);
    await db.members.create({ username: 'erin', passwordHash: 'h', role: 'viewer' });
    await refused(run('add', 'ERIN'), 1, /A member named "erin" already exists/);
    db.close();
  });

  it('changes roles and disabled state, but never removes the last enabled admin', async () => {
    const { db, out, run } = harness();
    const root = await db.members.create({ username: 'root', passwordHash: 'h', role: 'admin' });
    await db.members.create({ username: 'fay', passwordHash: 'h', role: 'viewer' });
    await refused(run('disable', 'root'), 1, /only enabled admin/);
    await refused(run('role', 'root', 'trader'), 1, /only enabled admin/);
    await run('role', 'fay', 'admin');
    await run('role', 'root', 'trader');
    await refused(run('disable', 'fay'), 1, /only enabled admin/);
    assert.equal((await db.members.findByUsername('fay'))?.disabled, false);
    await run('enable', 'root');
    await refused(run('disable', 'ghost'), 1, /No member named "ghost"/);
    assert.equal((await db.members.findById(root.id))?.role, 'trader');
    assert.deepEqual(out, ['fay is now admin.', 'root is now trader.', 'Enabled root.']);
    const audited = (await db.audit.all()).map((r) => `${r.action} ${r.subject}`);
    assert.deepEqual(audited, ['member.role fay', 'member.role root', 'member.enable root'], 'refused commands leave no audit row');
    assert.ok((await db.audit.all()).every((r) => r.actor.startsWith('cli:')));
    db.close();
  });

  it('lists members in a table, or says how to add the first', async () => {
    const { db, out, run } = harness();
    await run('list');
    assert.deepEqual(out, ['No members yet. Add one with: npm run user -- add <name> --role admin']);
    out.length = 0;
    await db.members.create({ username: 'zoe', passwordHash: 'h', role: 'trader' });
    const gus = await db.members.create({ username: 'gus', passwordHash: 'h', role: 'viewer' });
    await db.members.setDisabled(gus.id, true);
    await run('list');
    assert.equal(out.length, 3);
    assert.match(out[0]!, /^USERNAME\s+ROLE\s+STATUS\s+CREATED$/);
    assert.match(out[1]!, /^gus\s+viewer\s+disabled\s+\d{4}-\d\d-\d\d$/);
    assert.match(out[2]!, /^zoe\s+trader\s+active\s+\d{4}-\d\d-\d\d$/);
    db.close();
  });
});
