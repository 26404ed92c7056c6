import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFakeKraken, seededRandom } from './testing/fake-kraken';
import { createClockNonceSource } from './nonce';
import { createPrivateQueue } from './private-queue';
import { sendKrakenRequest } from './rest-http';
import { createRateCounter } from './rate-limit';
import { KrakenError } from './errors';

function queueFor(fake: ReturnType<typeof createFakeKraken>, maxInFlight = 1, now: () => number = () => 1_700_000_000_000) {
  const http = { fetch: fake.fetch, timeoutMs: 5000, userAgent: 'test' };
  return createPrivateQueue({
    apiKey: fake.apiKey,
    apiSecret: fake.apiSecret,
    nonce: createClockNonceSource({ now }),
    maxInFlight,
    send: (path, body, headers) => sendKrakenRequest(http, `http://kraken.test${path}`, { method: 'POST', headers, body }),
  });
}

async function fireConcurrent(queue: ReturnType<typeof createPrivateQueue>, n: number) {
  const settled = await Promise.allSettled(Array.from({ length: n }, (_, i) => queue.call('Balance', { i: String(i) })));
  const invalidNonce = settled.filter((s) => s.status === 'rejected' && (s.reason as KrakenError).code === 'invalid_nonce').length;
  const ok = settled.filter((s) => s.status === 'fulfilled').length;
  return { ok, invalidNonce };
}

test('1,000 concurrent private calls through one signer: 0 EAPI:Invalid nonce with random latency', async (t) => {
  const fake = createFakeKraken({ maxLatencyTurns: 12, random: seededRandom(7), handlers: { Balance: () => ({ result: { ZUSD: '1.0' } }) } });
  const { ok, invalidNonce } = await fireConcurrent(queueFor(fake), 1000);
  t.diagnostic(`concurrency figure: ${ok}/1000 accepted, ${invalidNonce} EAPI:Invalid nonce, ${fake.stats.invalidSignature} bad signatures`);
  assert.equal(invalidNonce, 0);
  assert.equal(fake.stats.invalidNonce, 0);
  assert.equal(ok, 1000);
  const nonces = fake.calls.map((c) => BigInt(c.nonce!));
  for (let i = 1; i < nonces.length; i++) assert.ok(nonces[i]! > nonces[i - 1]!, 'arrived in nonce order');
});

test('control: the same load with 8 in flight and no nonce window does hit invalid nonces', async (t) => {
  const fake = createFakeKraken({ maxLatencyTurns: 12, random: seededRandom(7), handlers: { Balance: () => ({ result: {} }) } });
  const { invalidNonce } = await fireConcurrent(queueFor(fake, 8), 1000);
  t.diagnostic(`maxInFlight 8 without window: ${invalidNonce} invalid nonces`);
  assert.ok(invalidNonce > 0, 'the emulated nonce check must be able to fail');
});

test('maxInFlight 8 is safe with a Kraken nonce window', async () => {
  const fake = createFakeKraken({ nonceWindow: 10_000, maxLatencyTurns: 12, random: seededRandom(7), handlers: { Balance: () => ({ result: {} }) } });
  const { ok, invalidNonce } = await fireConcurrent(queueFor(fake, 8), 1000);
  assert.equal(invalidNonce, 0);
  assert.equal(ok, 1000);
});

test('a call is sent only after the previous response arrived', async () => {
  let open = 0;
  let maxOpen = 0;
  const fake = createFakeKraken({
    handlers: {
      Balance: async () => {
        open++;
        maxOpen = Math.max(maxOpen, open);
        await new Promise((r) => setImmediate(r));
        open--;
        return { result: {} };
      },
    },
  });
  const queue = queueFor(fake);
  await Promise.all(Array.from({ length: 20 }, () => queue.call('Balance')));
  assert.equal(maxOpen, 1);
});

test('stale nonce in params is ignored, errors reject only their own call, and the queue keeps going', async () => {
  let n = 0;
  const fake = createFakeKraken({
    handlers: { Balance: () => (++n === 2 ? { error: ['EOrder:Insufficient funds'] } : { result: { n } }) },
  });
  const queue = queueFor(fake);
  const results = await Promise.allSettled([queue.call('Balance', { nonce: '1' }), queue.call('Balance'), queue.call('Balance')]);
  assert.deepEqual(results.map((r) => r.status), ['fulfilled', 'rejected', 'fulfilled']);
  assert.equal(((results[1] as PromiseRejectedResult).reason as KrakenError).code, 'insufficient_funds');
  assert.notEqual(fake.calls[0]!.nonce, '1');
  assert.equal(fake.calls[0]!.params.getAll('nonce').length, 1);
});

test('EAPI:Rate limit exceeded marks the rate counter full', async () => {
  let t = 1_700_000_000_000;
  const limiter = createRateCounter({ tier: 'pro', now: () => t, sleep: async (ms) => { t += ms; } });
  const fake = createFakeKraken({ handlers: { Balance: () => ({ error: ['EAPI:Rate limit exceeded'] }) } });
  const http = { fetch: fake.fetch, timeoutMs: 5000, userAgent: 'test' };
  const queue = createPrivateQueue({
    apiKey: fake.apiKey, apiSecret: fake.apiSecret, nonce: createClockNonceSource({ now: () => t }), limiter,
    send: (path, body, headers) => sendKrakenRequest(http, `http://kraken.test${path}`, { method: 'POST', headers, body }),
  });
  await assert.rejects(queue.call('Balance'), (e: KrakenError) => e.code === 'rate_limited');
  assert.equal(limiter.level(), 20);
});

test('rejects a bad maxInFlight', () => {
  assert.throws(() => queueFor(createFakeKraken(), 0), RangeError);
});
