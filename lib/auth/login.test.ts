import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { openDatabase } from '../db/database';
import { authenticate, throttledMessage } from './login';
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

  it('refuses without checking once throttled, then succeeds after the lock and clears the count', async () => {
    const { db, deps, throttle, advance } = await fixture();
    for (let i = 0; i < 5; i += 1) await authenticate(deps, { username: 'trader', password: `guess${i}`, ip: '10.0.0.1' });
    const locked = await authenticate(deps, { username: 'trader', password: 'right-password', ip: '10.0.0.2' });
    assert.deepEqual(locked, { ok: false, reason: 'throttled', retryAfterMs: 5 * 60_000 });
    advance(5 * 60_000);
    const ok = await authenticate(deps, { username: 'trader', password: 'right-password', ip: '10.0.0.2' });
    assert.equal(ok.ok, true);
    for (let i = 0; i < 4; i += 1) throttle.recordFailure('trader', '10.0.0.3');
    assert.equal(throttle.check('trader', '10.0.0.3').allowed, true, 'success reset the account count');
    db.close();
  });

  it('words the throttle message in whole minutes, rounded up', () => {
    assert.equal(throttledMessage(1), 'Too many failed attempts. Try again in 1 minute.');
    assert.equal(throttledMessage(4 * 60_000 + 1), 'Too many failed attempts. Try again in 5 minutes.');
  });
});
