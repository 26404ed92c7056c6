import assert from 'node:assert/strict';
import { it } from 'node:test';
import { sealData, unsealData } from 'iron-session';
import { createUnsealCache, sealExpiration } from './session-unseal';

const PASSWORD = 'a-session-password-of-at-least-32-chars';
const OTHER = 'another-session-password-at-least-32-chars';
const data = { memberId: 7, username: 'ada', role: 'trader', sessionVersion: 1, sid: 's'.repeat(43) };

function counted(options: { max?: number; now?: () => number } = {}) {
  const calls: string[] = [];
  const cache = createUnsealCache({ ...options, unseal: (seal, o) => { calls.push(o.password); return unsealData(seal, o); } });
  return { cache, calls };
}

it('a verified seal is unsealed once; each answer is a copy', async () => {
  const seal = await sealData(data, { password: PASSWORD, ttl: 3600 });
  const { cache, calls } = counted();
  const first = await cache.unseal(seal, PASSWORD, 3600) as typeof data;
  assert.deepEqual(first, data);
  first.memberId = 99;
  assert.deepEqual(await cache.unseal(seal, PASSWORD, 3600), data, 'a caller changing its answer changes nothing kept');
  assert.deepEqual(calls, [PASSWORD]);
});

it('another password, a tampered seal or junk is never answered from memory, and failures are not kept', async () => {
  const seal = await sealData(data, { password: PASSWORD, ttl: 3600 });
  const { cache, calls } = counted();
  await cache.unseal(seal, PASSWORD, 3600);
  assert.deepEqual(await cache.unseal(seal, OTHER, 3600), {}, 'the seal does not open with another password');
  const tampered = seal.replace(/\*(\w)/, (_m, c: string) => `*${c === 'a' ? 'b' : 'a'}`);
  assert.deepEqual(await cache.unseal(tampered, PASSWORD, 3600), {});
  assert.deepEqual(await cache.unseal(tampered, PASSWORD, 3600), {});
  assert.deepEqual(await cache.unseal('junk', PASSWORD, 3600), {});
  assert.equal(calls.length, 5);
  assert.equal(cache.size, 0, 'the seal that failed with another password was dropped; no failure was kept');
});

it("never past the expiration the seal carries; at most `max` seals, the oldest go first", async () => {
  let clock = Date.now();
  const seal = await sealData(data, { password: PASSWORD, ttl: 120 });
  const expiration = sealExpiration(seal)!;
  assert.ok(Math.abs(expiration - (Date.now() + 120_000)) < 5_000, 'the expiration is read from the seal');
  const { cache, calls } = counted({ now: () => clock, max: 2 });
  await cache.unseal(seal, PASSWORD, 120);
  clock = expiration - 1;
  await cache.unseal(seal, PASSWORD, 120);
  assert.equal(calls.length, 1);
  clock = expiration;
  await cache.unseal(seal, PASSWORD, 120);
  assert.equal(calls.length, 2, 'at its expiration the seal is checked again');
  clock = Date.now();
  const others = await Promise.all([1, 2].map((memberId) => sealData({ ...data, memberId }, { password: PASSWORD, ttl: 120 })));
  for (const other of others) await cache.unseal(other, PASSWORD, 120);
  assert.equal(cache.size, 2);
  await cache.unseal(seal, PASSWORD, 120);
  assert.equal(calls.length, 5, 'the first seal was the oldest and was let go');
  assert.equal(sealExpiration('Fe26.2*1*a*b*c**d*e~2'), null, 'a seal without expiration is never kept');
});
