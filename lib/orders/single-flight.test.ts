import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeyedMutex, SingleFlight } from './single-flight';

test('SingleFlight shares one run per key and forgets it when done', async () => {
  const flight = new SingleFlight<number>();
  let runs = 0;
  const work = async () => { runs++; await new Promise((r) => setTimeout(r, 5)); return runs; };
  const results = await Promise.all(Array.from({ length: 20 }, () => flight.run('k', work)));
  assert.deepEqual(new Set(results), new Set([1]));
  assert.equal(flight.has('k'), false);
  assert.equal(await flight.run('k', work), 2);
});

test('KeyedMutex runs one task per key at a time, keys independently, and survives a failing task', async () => {
  const mutex = new KeyedMutex();
  const log: string[] = [];
  const task = (name: string, ms: number, fail = false) => async () => {
    log.push(`start ${name}`);
    await new Promise((r) => setTimeout(r, ms));
    log.push(`end ${name}`);
    if (fail) throw new Error(name);
  };
  await Promise.allSettled([mutex.run('a', task('a1', 10, true)), mutex.run('a', task('a2', 1)), mutex.run('b', task('b1', 1))]);
  assert.deepEqual(log.filter((l) => /a\d/.test(l)), ['start a1', 'end a1', 'start a2', 'end a2']);
  assert.ok(log.indexOf('end b1') < log.indexOf('end a1'), 'b did not wait for a');
});
