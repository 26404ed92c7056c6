import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFakeKraken, seededRandom } from './testing/fake-kraken';
import type { PrivateCallGate } from './call-gate';
import { createClockNonceSource, type NonceSource } from './nonce';
import { createPrivateQueue } from './private-queue';
import { sendKrakenRequest } from './rest-http';
import type { KrakenError } from './errors';

/** Two "processes": each has its own queue; they share only the gate, as desk instances share PostgreSQL. */
function twoQueues(fake: ReturnType<typeof createFakeKraken>, gates: [PrivateCallGate | undefined, PrivateCallGate | undefined], nonces: [NonceSource, NonceSource]) {
  const http = { fetch: fake.fetch, timeoutMs: 5000, userAgent: 'test' };
  return gates.map((gate, i) => createPrivateQueue({
    apiKey: fake.apiKey, apiSecret: fake.apiSecret, nonce: nonces[i]!, gate,
    send: (path, body, headers) => sendKrakenRequest(http, `http://kraken.test${path}`, { method: 'POST', headers, body }),
  }));
}

/** What the PostgreSQL gate does, in memory: one lock held until the answer, one last nonce. */
function sharedGate(now: () => number): PrivateCallGate {
  let tail: Promise<unknown> = Promise.resolve();
  let last = 0n;
  return {
    run(send) {
      const turn = tail.then(async () => {
        const clock = BigInt(now());
        last = clock > last ? clock : last + 1n;
        const sent = send(last.toString());
        await sent.outcome.catch(() => undefined);
        return sent;
      });
      tail = turn.catch(() => undefined);
      return turn;
    },
  };
}

async function fire(queues: ReturnType<typeof twoQueues>, n: number) {
  const settled = await Promise.allSettled(Array.from({ length: n }, (_, i) => queues[i % 2]!.call('Balance', { i: String(i) })));
  return settled.filter((s) => s.status === 'rejected' && (s.reason as KrakenError).code === 'invalid_nonce').length;
}

test('two processes behind one shared gate: 1,000 calls, 0 invalid nonces, arriving in nonce order', async (t) => {
  const fake = createFakeKraken({ maxLatencyTurns: 12, random: seededRandom(3), handlers: { Balance: () => ({ result: {} }) } });
  const now = () => 1_700_000_000_000;
  const gate = sharedGate(now);
  const invalid = await fire(twoQueues(fake, [gate, gate], [createClockNonceSource({ now }), createClockNonceSource({ now })]), 1000);
  t.diagnostic(`shared gate: ${invalid} invalid nonces in 1000 calls from two queues`);
  assert.equal(invalid, 0);
  const nonces = fake.calls.map((c) => BigInt(c.nonce!));
  assert.equal(nonces.length, 1000);
  for (let i = 1; i < nonces.length; i++) assert.ok(nonces[i]! > nonces[i - 1]!, 'arrived in nonce order');
});

test('control: two processes with their own clock nonces collide', async (t) => {
  const fake = createFakeKraken({ maxLatencyTurns: 12, random: seededRandom(3), handlers: { Balance: () => ({ result: {} }) } });
  const now = () => 1_700_000_000_000;
  const invalid = await fire(twoQueues(fake, [undefined, undefined], [createClockNonceSource({ now }), createClockNonceSource({ now })]), 200);
  t.diagnostic(`own nonces per process: ${invalid} invalid nonces in 200 calls`);
  assert.ok(invalid > 0, 'without a shared gate the second process reuses nonces');
});
