/**
 * Load on the private path through the desk's one signer: 1,000 concurrent private calls from 50 members with the
 * exchange's nonce window at 0, and 100 refresh rounds by 20 members over 60 s (virtual time) on the starter tier.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import type { Member } from '../../lib/db';
import { isAppError } from '../../lib/errors';
import type { FetchLike } from '../../lib/kraken/rest-http';
import { keepAliveFetch, startDeskFixture, virtualClock, type DeskFixture } from './fixture';

/** Counts signed calls per method as they leave for the exchange. */
function countingFetch(): { fetch: FetchLike; counts: Map<string, number>; close(): void } {
  const inner = keepAliveFetch();
  const counts = new Map<string, number>();
  const fetch: FetchLike = (url, init) => {
    const method = /\/0\/private\/(\w+)/.exec(String(url))?.[1];
    if (method) counts.set(method, (counts.get(method) ?? 0) + 1);
    return inner(url, init);
  };
  return { fetch, counts, close: () => inner.close() };
}

const fixtures: DeskFixture[] = [];
after(async () => {
  for (const f of fixtures) await f.close();
});

async function members(desk: DeskFixture, count: number): Promise<Member[]> {
  return Promise.all(Array.from({ length: count }, (_, i) => desk.db.members.create({ username: `member${i}`, passwordHash: 'x', role: 'trader' })));
}

function tally(settled: PromiseSettledResult<unknown>[]): Map<string, number> {
  const codes = new Map<string, number>();
  for (const s of settled) {
    const code = s.status === 'fulfilled' ? 'ok' : isAppError(s.reason) ? s.reason.code : `thrown:${String(s.reason)}`;
    codes.set(code, (codes.get(code) ?? 0) + 1);
  }
  return codes;
}

test('1,000 concurrent private calls from 50 members: 0 invalid nonces (nonce window 0)', async (t) => {
  const transport = countingFetch();
  t.after(() => transport.close());
  const desk = await startDeskFixture({ exchange: { nonceWindow: 0 }, client: { fetch: transport.fetch } });
  fixtures.push(desk);
  const team = await members(desk, 50);
  const calls = team.flatMap((member, m) => Array.from({ length: 20 }, (_, i) => {
    const n = m * 20 + i;
    if (n % 12 === 0) return desk.service.balances();
    if (n % 12 === 4) return desk.service.orders('open', 0);
    if (n % 12 === 8) return desk.service.orders('closed', 0);
    // a cancel of an order that does not exist: a real signed trading call every time, refused by Kraken
    return desk.service.cancel(member, `O${String(n).padStart(5, '0')}-AAAAA-BBBBBB`);
  }));
  const codes = tally(await Promise.allSettled(calls));
  const signed = [...transport.counts.values()].reduce((a, b) => a + b, 0);
  t.diagnostic(`1,000 calls → ${[...codes].map(([c, n]) => `${n}× ${c}`).join(', ')}; ${signed} signed requests reached the exchange (${[...transport.counts].map(([m, n]) => `${m} ${n}`).join(', ')})`);
  assert.equal(codes.get('kraken_invalid_nonce') ?? 0, 0);
  assert.equal(codes.get('ok'), 250);
  assert.equal(codes.get('order_not_open'), 750);
  assert.equal(transport.counts.get('CancelOrder'), 750);
  assert.ok((transport.counts.get('BalanceEx') ?? 0) <= 2, 'balances were coalesced');
  assert.equal((await desk.db.audit.openIntents()).length, 0, 'every cancel intent completed');
});

test('100 refresh rounds by 20 members over 60 s on the starter tier: 0 rate-limit errors, bounded Kraken calls', async (t) => {
  const clock = virtualClock();
  const transport = countingFetch();
  t.after(() => transport.close());
  const desk = await startDeskFixture({
    exchange: { tier: 'starter', now: clock.now },
    client: { tier: 'starter', now: clock.now, sleep: clock.sleep, fetch: transport.fetch },
    service: { now: () => new Date(clock.now()) },
  });
  fixtures.push(desk);
  const team = await members(desk, 20);
  const start = clock.now();
  const settled: PromiseSettledResult<unknown>[] = [];
  for (let round = 0; round < 100; round++) {
    const due = start + round * 600;
    if (clock.now() < due) clock.advance(due - clock.now());
    settled.push(...(await Promise.allSettled(team.flatMap(() => [desk.service.balances(), desk.service.orders('open', 0)]))));
  }
  const elapsed = (clock.now() - start) / 1000;
  const codes = tally(settled);
  const calls = [...transport.counts.values()].reduce((a, b) => a + b, 0);
  t.diagnostic(`4,000 reads in ${elapsed.toFixed(1)} virtual s → ${[...codes].map(([c, n]) => `${n}× ${c}`).join(', ')}; Kraken calls: ${[...transport.counts].map(([m, n]) => `${m} ${n}`).join(', ')} (${calls} total)`);
  assert.equal(codes.get('ok'), 4000);
  assert.equal(codes.get('kraken_rate_limited') ?? 0, 0);
  // 15 burst + 0.33/s decay over ~60 s allows ~35 counter units; the TTLs need at most 20 + 12 (+ first loads).
  assert.ok(calls <= 36, `${calls} Kraken calls`);
  assert.ok(elapsed < 61, 'the limiter never had to hold reads back beyond the 60 s window');
});
