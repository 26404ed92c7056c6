import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createTtlCache } from './ttl-cache';

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
});
