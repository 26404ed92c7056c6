import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openDatabase } from '../db/database';
import { AuditWindow } from './audit-window';
import { authenticate, signIn, throttledMessage } from './login';
import { hashPassword } from './password';
import { LoginThrottle } from './throttle';

const FAST = { logN: 10, r: 8, p: 1 };

async function fixture() {
  const db = openDatabase(':memory:');
  let now = 0;
  const throttle = new LoginThrottle({ now: () => now });
  await db.members.create({ username: 'trader', role: 'trader', passwordHash: await hashPassword('right-password', FAST) });
  return { db, throttle, deps: { members: db.members, throttle }, advance: (ms: number) => (now += ms) };
}

describe('authenticate', () => {
  it('accepts the right password, whatever the username case', async () => {
    const { db, deps } = await fixture();
    const result = await authenticate(deps, { username: 'Trader', password: 'right-password', ip: '10.0.0.1' });
    assert.equal(result.ok, true);
    assert.equal(result.ok && result.member.username, 'trader');
    db.close();
  });

  it('gives the same answer for a wrong password, an unknown user and a disabled member', async () => {
    const { db, deps } = await fixture();
    const wrong = await authenticate(deps, { username: 'trader', password: 'nope', ip: '10.0.0.1' });
    const unknown = await authenticate(deps, { username: 'ghost', password: 'right-password', ip: '10.0.0.1' });
    const member = await db.members.findByUsername('trader');
    await db.members.setDisabled(member!.id, true);
    const disabled = await authenticate(deps, { username: 'trader', password: 'right-password', ip: '10.0.0.1' });
    assert.deepEqual([wrong, unknown, disabled], Array(3).fill({ ok: false, reason: 'invalid' }));
    db.close();
  });

  it('refuses without checking once throttled, then lets the right password in after the delay and clears the count', async () => {
    const { db, deps, advance } = await fixture();
    for (let i = 0; i < 5; i += 1) await authenticate(deps, { username: 'trader', password: `guess${i}`, ip: '10.0.0.1' });
    const delayed = await authenticate(deps, { username: 'trader', password: 'right-password', ip: '10.0.0.2' });
    assert.deepEqual(delayed, { ok: false, reason: 'throttled', retryAfterMs: 2000 });
    advance(2000);
    const ok = await authenticate(deps, { username: 'trader', password: 'right-password', ip: '10.0.0.2' });
    assert.equal(ok.ok, true, 'five bad guesses do not lock the member out');
    for (let i = 0; i < 4; i += 1) await authenticate(deps, { username: 'trader', password: 'nope', ip: '10.0.0.3' });
    assert.equal((await authenticate(deps, { username: 'trader', password: 'right-password', ip: '10.0.0.3' })).ok, true, 'success reset the account count');
    db.close();
  });

  it('checks only 5 of 40 simultaneous wrong passwords for one account; the rest are refused without hashing', async () => {
    const { db, deps } = await fixture();
    const results = await Promise.all(Array.from({ length: 40 }, (_, i) =>
      authenticate(deps, { username: 'trader', password: `guess${i}`, ip: `10.9.0.${i}` })));
    assert.equal(results.filter((r) => !r.ok && r.reason === 'invalid').length, 5);
    assert.equal(results.filter((r) => !r.ok && r.reason === 'throttled').length, 35);
    db.close();
  });

  it('words the throttle message in seconds, and in minutes from two minutes up, rounded up', () => {
    assert.equal(throttledMessage(1), 'Too many failed attempts. Try again in 1 second.');
    assert.equal(throttledMessage(3500), 'Too many failed attempts. Try again in 4 seconds.');
    assert.equal(throttledMessage(4 * 60_000 + 1), 'Too many failed attempts. Try again in 5 minutes.');
  });
});

describe('signIn audit trail', () => {
  it('turns 300 failed logins into a handful of rows that carry the counts, with the typed name bounded', async () => {
    const { db, throttle } = await fixture();
    let now = 0;
    const failures = new AuditWindow(() => db.audit, { now: () => now, timer: false });
    const deps = { members: db.members, throttle, audit: db.audit, failures };
    const before = await db.audit.count();
    const long = `x${'\u202e'.repeat(3)}${'a'.repeat(300)}`;
    for (let i = 0; i < 300; i += 1) {
      await signIn(deps, { username: i % 2 ? 'trader' : long, password: 'nope', ip: '198.51.100.9' });
    }
    now += 61_000;
    await signIn(deps, { username: 'trader', password: 'nope', ip: '198.51.100.9' });
    await failures.flush();
    const rows = (await db.audit.all()).slice(before);
    assert.ok(rows.length <= 10, `${rows.length} rows`);
    const total = rows.reduce((sum, row) => sum + (JSON.parse(row.detail) as { count: number }).count, 0);
    assert.equal(total, 301, 'every attempt is counted in some row');
    for (const row of rows) {
      assert.ok(row.actor.length <= 32 && /^[\x20-\x7e]*$/.test(row.actor), row.actor);
      assert.equal(row.outcome, 'error');
    }
    assert.deepEqual(new Set(rows.map((r) => r.action)), new Set(['login.failed', 'login.throttled']));
    db.close();
  });
});
