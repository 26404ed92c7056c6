import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffMs, DEFAULT_RETRY, withRetry } from './retry';
import { KrakenError, parseKrakenError } from './errors';

function deps(start = 1_700_000_000_000) {
  let t = start;
  const sleeps: number[] = [];
  return { now: () => t, random: () => 0.5, sleep: async (ms: number) => { sleeps.push(ms); t += ms; }, sleeps };
}

test('retries retryable errors with growing jittered backoff, then succeeds', async () => {
  const d = deps();
  let n = 0;
  const result = await withRetry(async () => {
    if (++n < 4) throw new KrakenError(n === 1 ? 'unavailable' : n === 2 ? 'timeout' : 'busy', 'x');
    return 'ok';
  }, d);
  assert.equal(result, 'ok');
  assert.deepEqual(d.sleeps, [188, 375, 750]);
});

test('gives up after the bounded number of attempts', async () => {
  const d = deps();
  let n = 0;
  await assert.rejects(withRetry(async () => { n++; throw new KrakenError('network_error', 'x'); }, d), (e: KrakenError) => e.code === 'network_error');
  assert.equal(n, DEFAULT_RETRY.attempts);
});

test('does not retry non-retryable errors', async () => {
  let n = 0;
  await assert.rejects(withRetry(async () => { n++; throw new KrakenError('insufficient_funds', 'x'); }, deps()));
  assert.equal(n, 1);
  await assert.rejects(withRetry(async () => { n++; throw new Error('plain'); }, deps()));
  assert.equal(n, 2);
});

test('waits until the Throttled timestamp, or gives up if it is too far away', async () => {
  const d = deps(1_700_000_000_000);
  let n = 0;
  await withRetry(async () => {
    if (n++ === 0) throw parseKrakenError(['EService:Throttled: 1700000010'])!;
    return 1;
  }, d);
  assert.deepEqual(d.sleeps, [10_000]);
  await assert.rejects(withRetry(async () => { throw parseKrakenError(['EService:Throttled: 1700009999'])!; }, deps()),
    (e: KrakenError) => e.code === 'throttled');
});

test('backoff is capped and jitter stays within [cap/2, cap]', () => {
  assert.equal(backoffMs(10, DEFAULT_RETRY, () => 0), 2000);
  assert.equal(backoffMs(10, DEFAULT_RETRY, () => 0.999999), 4000);
  assert.equal(backoffMs(0, DEFAULT_RETRY, () => 0), 125);
});
