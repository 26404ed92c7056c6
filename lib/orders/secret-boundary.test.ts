import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { test } from 'node:test';

/**
 * Static half of the secret canary (the runtime half is e2e/secret-canary.spec.ts): the API secret is read from the
 * environment only by the server's start-up code and handed to the signer; nothing Next bundles for a browser or
 * renders may name it, and next.config must not copy environment variables into bundles.
 */
const root = join(import.meta.dirname, '..', '..');
// server/paper-guard.ts names the variables only to refuse a paper desk whose .env files hold a real key
const ALLOWED = new Set(['lib/env.ts', 'server/services-builder.ts', 'server/demo.ts', 'server/paper.ts', 'server/paper-guard.ts', 'lib/kraken/rest.ts', 'lib/kraken/rest-context.ts', 'lib/kraken/private-queue.ts']);

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    // test doubles (lib/kraken/testing) verify signatures and so hold test secrets on purpose
    if (name === 'node_modules' || name === 'testing' || name.startsWith('.')) return [];
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.(ts|tsx|js|mjs)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

test('only start-up code and the signer name the API secret; no NEXT_PUBLIC_ or env copying exposes it', () => {
  const files = [...sources('app'), ...sources('components'), ...sources('lib'), ...sources('server').filter((f) => !f.startsWith('server/simulator') && !f.startsWith('server/orders'))];
  assert.ok(files.length > 50);
  const naming = files.filter((f) => /KRAKEN_API_SECRET|apiSecret/.test(readFileSync(join(root, f), 'utf8')));
  assert.deepEqual(naming.filter((f) => !ALLOWED.has(relative(root, join(root, f)))), []);
  for (const f of files) assert.doesNotMatch(readFileSync(join(root, f), 'utf8'), /NEXT_PUBLIC_[A-Z_]*(SECRET|KEY)/, f);
  const config = readFileSync(join(root, 'next.config.js'), 'utf8');
  assert.doesNotMatch(config, /\benv\s*:/, 'next.config.js must not inline environment variables');
});
