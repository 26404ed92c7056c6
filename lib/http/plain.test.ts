import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';

/**
 * The wrapper's core stays plain so route files (and their handler bodies) load in Node tests: no static import of
 * Next, React, server-only or lib/server; the Next-side environment is reached only by the one lazy import.
 */
test('lib/http/handler.ts imports nothing Next-side statically', () => {
  const source = readFileSync(join(import.meta.dirname, 'handler.ts'), 'utf8');
  const imports = [...source.matchAll(/^\s*import\s+(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1]!);
  assert.ok(imports.length > 3);
  for (const specifier of imports) assert.doesNotMatch(specifier, /^(server-only|next(\/|$)|react(-dom)?(\/|$))|lib\/server|^\.\.\/server\//, specifier);
  assert.deepEqual([...source.matchAll(/import\((['"][^'"]+['"])\)/g)].map((m) => m[1]), ["'../server/request-env'"]);
});
