import assert from 'node:assert/strict';
import { describe, it, test } from 'node:test';
import { CachedRead, createTtlCache } from './ttl-cache';

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

test('CachedRead with staleMs: an expired value is answered at once while one background load replaces it; a failed load keeps it; past the stale window callers wait', async () => {
  let t = 0;
  let loads = 0;
  let fail = false;
  let release: (() => void) | undefined;
  const read = new CachedRead(async () => {
    loads++;
    if (release) await new Promise<void>((resolve) => { const go = release!; release = () => { go(); resolve(); }; });
    if (fail) throw new Error('down');
    return loads;
  }, 1000, () => t, 5000);
  assert.equal(await read.get(), 1);
  t = 1500;
  release = () => undefined;
  assert.equal(await read.get(), 1, 'expired but inside the stale window: answered at once');
  assert.equal(await read.get(), 1, 'still the old value while the load runs');
  assert.equal(loads, 2, 'one background load, however many callers');
  release();
  release = undefined;
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(await read.get(), 2, 'the background load replaced it');
  t = 3000;
  fail = true;
  assert.equal(await read.get(), 2, 'answered while the load fails');
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(await read.get(), 2, 'a failed background load keeps the old value');
  await new Promise((resolve) => setImmediate(resolve));
  fail = false;
  t = 7600;
  const waited = read.get();
  assert.equal(await waited, 5, 'past TTL + staleMs the caller waits for a fresh load, as without staleMs');
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

describe('createTtlCache', () => {
  it('shares one load between concurrent callers and reloads after the ttl', async () => {
    let clock = 0;
    let loads = 0;
    const cache = createTtlCache<number>({ ttlMs: 1000, maxEntries: 10, now: () => clock });
    const load = async () => ++loads;
    const [a, b] = await Promise.all([cache.get('k', load), cache.get('k', load)]);
    assert.deepEqual([a, b, loads], [1, 1, 1]);
    clock = 999;
    assert.equal(await cache.get('k', load), 1);
    clock = 1000;
    assert.equal(await cache.get('k', load), 2);
  });

  it('does not keep failures', async () => {
    const cache = createTtlCache<string>({ ttlMs: 1000, maxEntries: 10, now: () => 0 });
    await assert.rejects(cache.get('k', () => Promise.reject(new Error('down'))), /down/);
    assert.equal(await cache.get('k', async () => 'ok'), 'ok');
  });

  it('drops the oldest entries beyond maxEntries', async () => {
    const cache = createTtlCache<string>({ ttlMs: 1000, maxEntries: 2, now: () => 0 });
    for (const key of ['a', 'b', 'c']) await cache.get(key, async () => key);
    assert.equal(cache.size, 2);
    let reloaded = false;
    await cache.get('a', async () => {
      reloaded = true;
      return 'a';
    });
    assert.ok(reloaded, 'a was evicted');
  });

  it('shares a running load and keeps its value for the ttl from when that load finished', async () => {
    let clock = 0;
    const cache = createTtlCache<string>({ ttlMs: 1000, maxEntries: 10, now: () => clock });
    let release!: (v: string) => void;
    const slow = cache.get('k', () => new Promise((r) => { release = r; }));
    clock = 900;
    const joined = cache.get('k', async () => 'second');
    release('first');
    assert.deepEqual(await Promise.all([slow, joined]), ['first', 'first']);
    clock = 1899;
    assert.equal(await cache.get('k', async () => 'second'), 'first');
    clock = 1900;
    assert.equal(await cache.get('k', async () => 'second'), 'second');
  });
});
