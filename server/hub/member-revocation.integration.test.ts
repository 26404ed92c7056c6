import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { WebSocket } from 'ws';
import { openDatabase, type DeskDb } from '../../lib/db';
import { CLOSE_CODES } from '../../lib/protocol';
import { runUserCommand } from '../cli/user-commands';
import type { Role } from '../../lib/auth/roles';
import type { PrivateChannelName } from './access';
import { createHub } from './hub';
import { FakeUpstream } from './testing/fakes';
import { framesOf } from './testing/ws-frames';
import { serveWs } from './testing/ws-server';
import { until } from './testing/until';

/**
 * Issue 9 item 17: a member changed outside the web UI — `npm run user` is another process writing the same
 * SQLite file — must lose (or be re-authorised on) their open /ws sockets by itself. The desk side opens
 * the database as the desk does; the "CLI" side is a second handle running the CLI's own commands, and
 * once the real CLI process.
 */

const ORIGIN = 'http://127.0.0.1:3000';
const BOUND_MS = 3000;

async function start(canRead?: (role: Role, channel: PrivateChannelName) => boolean) {
  const dir = mkdtempSync(join(tmpdir(), 'desk-members-'));
  const path = join(dir, 'desk.db');
  const deskDb = openDatabase(path);
  const cliDb = openDatabase(path);
  const io = { out: () => undefined, readPassword: async () => 'a-new-long-password-42' };
  const cli = (...args: string[]) => runUserCommand(cliDb, args, io);
  for (const name of ['alice', 'bob']) await cli('add', name, '--role', 'trader');
  const upstream = new FakeUpstream();
  const privateUpstream = new FakeUpstream();
  const hub = createHub({ upstream, privateUpstream, lingerMs: 0 });
  upstream.setState('live');
  privateUpstream.setState('live');
  const served = await serveWs({
    hub,
    // the test's "cookie" names the member; the row is read as the desk's authenticate reads it
    authenticate: async (req: IncomingMessage) => {
      const member = await deskDb.members.findByUsername(String(req.headers['x-member']));
      return member ? { memberId: member.id, username: member.username, role: member.role, sessionVersion: member.sessionVersion } : null;
    },
    isAllowedOrigin: (origin) => origin === ORIGIN,
    members: { lookup: lookupIn(deskDb), intervalMs: 200, sessionGraceMs: 300 },
    ...(canRead ? { canRead } : {}),
  });
  const close = async () => {
    await served.close();
    deskDb.close();
    cliDb.close();
    rmSync(dir, { recursive: true, force: true });
  };
  return { url: served.url, path, cli, handler: served.handler, privateUpstream, close };
}

function lookupIn(db: DeskDb) {
  return async (id: number) => {
    const m = await db.members.findById(id);
    return m ? { role: m.role, disabled: m.disabled, sessionVersion: m.sessionVersion } : null;
  };
}

/** A browser socket reading executions; resolves once open and subscribed. */
async function browser(url: string, member: string) {
  const ws = new WebSocket(url, { headers: { 'x-member': member }, origin: ORIGIN });
  const frames: Record<string, unknown>[] = [];
  ws.on('message', (data) => frames.push(...framesOf(data)));
  const closed = new Promise<{ code: number; at: number }>((resolve) => ws.once('close', (code) => resolve({ code, at: performance.now() })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  ws.send(JSON.stringify({ op: 'subscribe', channel: 'executions' }));
  return { ws, frames, closed };
}

async function closedWithin(socket: { closed: Promise<{ code: number; at: number }> }, ms: number): Promise<{ code: number; ms: number }> {
  const start = performance.now();
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`socket still open after ${ms} ms`)), ms).unref());
  const { code, at } = await Promise.race([socket.closed, timeout]);
  return { code, ms: at - start };
}

test('disable and password change from the CLI close only that member\'s sockets with the revoked-session code', async (t) => {
  const s = await start();
  try {
    const alice = await browser(s.url, 'alice');
    const aliceSecondTab = await browser(s.url, 'alice');
    const bob = await browser(s.url, 'bob');
    await s.cli('disable', 'alice');
    const disabled = await closedWithin(alice, BOUND_MS);
    assert.equal(disabled.code, CLOSE_CODES.unauthorized);
    assert.equal((await closedWithin(aliceSecondTab, BOUND_MS)).code, CLOSE_CODES.unauthorized, 'every tab of the member');
    assert.equal(bob.ws.readyState, WebSocket.OPEN, 'another member keeps their socket');
    await s.cli('passwd', 'bob');
    const repassed = await closedWithin(bob, BOUND_MS);
    assert.equal(repassed.code, CLOSE_CODES.unauthorized);
    t.diagnostic(`closed after: disable ${disabled.ms.toFixed(0)} ms, password ${repassed.ms.toFixed(0)} ms`);
  } finally {
    await s.close();
  }
});

test('the real `npm run user -- disable` process closes the member\'s open socket', async (t) => {
  const s = await start();
  try {
    const alice = await browser(s.url, 'alice');
    const bob = await browser(s.url, 'bob');
    const started = performance.now();
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'server/cli/user.ts', 'disable', 'alice'], {
      env: { ...process.env, DATABASE_PATH: s.path },
    });
    const { code } = await closedWithin(alice, BOUND_MS);
    assert.equal(code, CLOSE_CODES.unauthorized);
    assert.equal(bob.ws.readyState, WebSocket.OPEN, 'another member keeps their socket');
    t.diagnostic(`CLI run + socket closed: ${(performance.now() - started).toFixed(0)} ms`);
    bob.ws.close();
  } finally {
    await s.close();
  }
});

test('a role change re-authorises the open socket: a channel the new role may not read is taken away, the socket stays', async () => {
  // a stricter policy than the default table (where every role reads both private channels)
  const s = await start((role, channel) => channel !== 'executions' || role !== 'viewer');
  try {
    const alice = await browser(s.url, 'alice');
    await until(() => s.privateUpstream.wanted.has('executions'), BOUND_MS, 'executions subscribed upstream');
    await s.cli('role', 'alice', 'viewer');
    await until(() => alice.frames.some((f) => f.type === 'error' && f.code === 'forbidden'), BOUND_MS, 'forbidden after the demotion');
    await until(() => !s.privateUpstream.wanted.has('executions'), BOUND_MS, 'nobody reads executions any more');
    assert.equal(alice.ws.readyState, WebSocket.OPEN, 'the session is still valid: the socket stays');
    // the new role is what the socket acts with from now on
    alice.ws.send(JSON.stringify({ op: 'subscribe', channel: 'executions' }));
    await until(() => alice.frames.filter((f) => f.code === 'forbidden').length === 2, BOUND_MS, 'a new subscribe is refused');
    await s.cli('role', 'alice', 'trader');
    await s.handler.checkMembers(); // the immediate hook the web UI calls
    alice.ws.send(JSON.stringify({ op: 'subscribe', channel: 'executions' }));
    await until(() => s.privateUpstream.wanted.has('executions'), BOUND_MS, 'promoted again: executions readable');
    alice.ws.close();
  } finally {
    await s.close();
  }
});
