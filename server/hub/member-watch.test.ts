import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '../../lib/auth/roles';
import { MemberWatch, type MemberRecord, type WatchedSocket } from './member-watch';

/** The verdicts of the member watch, driven by check() (the periodic round calls the same function). */

function socket(memberId: number, role: Role, sessionVersion: number | undefined) {
  const events: string[] = [];
  const s: WatchedSocket = {
    memberId, sessionVersion, role,
    revoke: (reason) => events.push(`revoke ${reason}`),
    reauthorise: (next) => {
      events.push(`role ${next}`);
      s.role = next;
    },
  };
  return { s, events };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function watchOf(rows: Map<number, MemberRecord | Error>) {
  const errors: unknown[] = [];
  const watch = new MemberWatch({
    intervalMs: 3_600_000,
    sessionGraceMs: 50,
    lookup: async (id) => {
      const row = rows.get(id);
      if (row instanceof Error) throw row;
      return row ?? null;
    },
    onError: (e) => errors.push(e),
  });
  return { watch, errors };
}

test('session version, disable, removal revoke; a role change re-authorises once; nothing changed → nothing happens', async (t) => {
  const rows = new Map<number, MemberRecord | Error>([
    [1, { role: 'trader', disabled: false, sessionVersion: 3 }],
    [2, { role: 'trader', disabled: false, sessionVersion: 1 }],
    [3, { role: 'viewer', disabled: false, sessionVersion: 1 }],
  ]);
  const { watch } = watchOf(rows);
  t.after(() => watch.stop());
  const a = socket(1, 'trader', 3);
  const b = socket(2, 'trader', 1);
  const c = socket(3, 'viewer', 1);
  for (const x of [a, b, c]) watch.add(x.s);
  await watch.check();
  assert.deepEqual([a.events, b.events, c.events], [[], [], []]);
  rows.set(1, { role: 'trader', disabled: false, sessionVersion: 4 });
  rows.set(2, { role: 'admin', disabled: false, sessionVersion: 1 });
  rows.delete(3);
  await watch.check();
  await watch.check();
  assert.deepEqual(a.events, [], 'a new session version is given the grace (the signing-out tab is redirecting)');
  await sleep(80);
  assert.deepEqual(a.events, ['revoke session revoked'], 'then revoked, once');
  assert.deepEqual(b.events, ['role admin'], 're-authorised once, then in step');
  assert.deepEqual(c.events.slice(0, 1), ['revoke member removed']);
  rows.set(2, { role: 'admin', disabled: true, sessionVersion: 2 });
  await watch.check(2);
  assert.equal(b.events.at(-1), 'revoke member disabled');
});

test('a failed lookup is reported and retried next round; a removed socket is not looked at', async (t) => {
  const rows = new Map<number, MemberRecord | Error>([[1, new Error('database is locked')]]);
  const { watch, errors } = watchOf(rows);
  t.after(() => watch.stop());
  const a = socket(1, 'viewer', 1);
  const unwatch = watch.add(a.s);
  await watch.check();
  assert.equal(errors.length, 1);
  assert.deepEqual(a.events, []);
  rows.set(1, { role: 'viewer', disabled: true, sessionVersion: 2 });
  unwatch();
  await watch.check();
  assert.deepEqual(a.events, [], 'a closed socket is forgotten');
});
