import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Money math goes through lib/decimal.ts (its configured Decimal class and text helpers), so precision and
 * rounding are set in one place. server/simulator is a separate program with its own decimal module.
 */
const root = join(new URL('.', import.meta.url).pathname, '..');
const ROOTS = ['lib', 'components', 'app', 'server'];
const SKIP = new Set(['node_modules', 'server/simulator']);
const OWNER = 'lib/decimal.ts';
/** Still importing decimal.js directly until its owner moves it to lib/decimal.ts. */
const PENDING = new Set(['lib/db/desk-orders.ts']);
const IMPORTS_DECIMAL_JS = /\bfrom\s+['"]decimal\.js['"]|\bimport\s*\(\s*['"]decimal\.js['"]\s*\)|\brequire\(\s*['"]decimal\.js['"]\s*\)|^\s*import\s+['"]decimal\.js['"]/m;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (SKIP.has(e.name) || SKIP.has(path)) return [];
    if (e.isDirectory()) return sources(path);
    return /\.(ts|tsx|mts|cts|js|mjs)$/.test(e.name) ? [path] : [];
  });
}

test('only lib/decimal.ts imports decimal.js (outside server/simulator)', () => {
  const files = ROOTS.flatMap(sources);
  assert.ok(files.includes(OWNER) && files.length > 50, `the scan missed the source tree (${files.length} files)`);
  const offenders = files.filter((f) => f !== OWNER && !PENDING.has(f) && IMPORTS_DECIMAL_JS.test(readFileSync(join(root, f), 'utf8')));
  assert.deepEqual(offenders, []);
});

test('the import check recognises every import form', () => {
  // built from parts so this file does not match its own scan
  const lib = ['decimal', 'js'].join('.');
  for (const text of [`import Decimal from '${lib}';`, `import { Decimal } from "${lib}";`, `const D = await import('${lib}');`, `import '${lib}';`, `const D = require('${lib}');`]) {
    assert.ok(IMPORTS_DECIMAL_JS.test(text), text);
  }
  assert.ok(!IMPORTS_DECIMAL_JS.test("import { Decimal } from './decimal';"));
});
