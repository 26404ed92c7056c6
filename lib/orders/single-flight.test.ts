import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CachedRead, KeyedMutex, SingleFlight } from './single-flight';

test('SingleFlight shares one run per key and forgets it when done', async () => {
  const flight = new SingleFlight<number>();
  let runs = 0;
  const work = async () => { runs++; await new Promise((r) => setTimeout(r, 5)); return runs; };
  const results = await Promise.all(Array.from({ length: 20 }, () => flight.run('k', work)));
  assert.deepEqual(new Set(results), new Set([1]));
  assert.equal(flight.has('k'), false);
  assert.equal(await flight.run('k', work), 2);
});

test('CachedRead loads once per TTL, coalesces concurrent gets, does not cache failures, and drops a load raced by invalidate', async () => {
  let t = 0;
  let loads = 0;
  let fail = false;
  const read = new CachedRead(async () => { loads++; if (fail) throw new Error('down'); return loads; }, 1000, () => t);
  assert.deepEqual(await Promise.all([read.get(), read.get(), read.get()]), [1, 1, 1]);
  t = 999;
  assert.equal(await read.get(), 1);
  t = 1000;
  fail = true;
  await assert.rejects(read.get(), /down/);
  fail = false;
  assert.equal(await read.get(), 3);
  t = 2500;
  const racing = read.get();
  read.invalidate();
  const during = read.get();
  assert.equal(await racing, 4);
  assert.equal(await during, 5);
  assert.equal(await read.get(), 5, 'the load raced by invalidate was not cached over the newer one');
  assert.deepEqual(read.stats, { loads: 5, hits: 4 });
});

test('CachedRead.expireAfter: a young value lives to the minimum age, an old one goes, bursts cost one load, in-flight loads are not kept', async () => {
  let t = 0;
  let loads = 0;
  const read = new CachedRead(async () => ++loads, 10_000, () => t);
  assert.equal(await read.get(), 1);
  t = 500;
  read.expireAfter(2000);
  read.expireAfter(2000);
  read.expireAfter(2000);
  t = 1999;
  assert.equal(await read.get(), 1, 'younger than the minimum age: still served, however many updates came');
  t = 2000;
  assert.equal(await read.get(), 2, 'reloaded once it is that old');
  t = 6000;
  read.expireAfter(2000);
  assert.equal(await read.get(), 3, 'an older value is dropped at once');
  t = 20_000;
  const inFlight = read.get();
  read.expireAfter(2000);
  assert.equal(await inFlight, 4);
  assert.equal(await read.get(), 5, 'the load that overlapped the change was not cached');
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
