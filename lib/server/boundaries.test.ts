import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';

/**
 * The import rules for the session/data layer, checked on the source text: lib/server is
 * Next-only (server-only first), while lib/db, lib/auth and lib/session.ts must stay plain Node
 * because the custom server, the CLI and unit tests import them.
 */
const root = join(import.meta.dirname, '..', '..');

function sources(dir: string): string[] {
  return readdirSync(join(root, dir)).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(join(root, path)).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [path] : [];
  });
}

const importsOf = (path: string) =>
  [...readFileSync(join(root, path), 'utf8').matchAll(/^\s*import\s+(?:[^'"]*?\s+from\s+)?['"]([^'"]+)['"]/gm)].map((m) => m[1]!);

describe('import boundaries', () => {
  it("every lib/server module begins with import 'server-only'", () => {
    for (const path of sources('lib/server')) {
      const first = readFileSync(join(root, path), 'utf8').split('\n').find((line) => line.trim() !== '');
      assert.equal(first, "import 'server-only';", path);
    }
  });

  it('lib/db, lib/auth and lib/session.ts import nothing Next-, React- or server-only', () => {
    const plain = [...sources('lib/db'), ...sources('lib/auth'), 'lib/session.ts'];
    assert.ok(plain.length > 5);
    for (const path of plain) {
      for (const specifier of importsOf(path)) {
        assert.doesNotMatch(specifier, /^(server-only|next(\/|$)|react(-dom)?(\/|$))|lib\/server|^@\/lib\/server|^\.\.?\/server\//, `${path} imports ${specifier}`);
      }
    }
  });

  it('the custom server never imports lib/server', () => {
    for (const path of sources('server')) {
      for (const specifier of importsOf(path)) {
        assert.doesNotMatch(specifier, /lib\/server(\/|$)/, `${relative(root, join(root, path))} imports ${specifier}`);
      }
    }
  });
});
