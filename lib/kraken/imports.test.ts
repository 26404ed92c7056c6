import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** lib/kraken is a pure protocol client: WebSocket, fetch and clocks are injected, never imported, so it runs in Node, the browser and tests alike. */
const FORBIDDEN = /^(next|react|react-dom|server-only|ws)(\/|$)|(^|\/)(server|hooks)(\/|$)|^@\/(server|lib\/server|lib\/hooks|app|components)\//;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) ? [path] : [];
  });
}

test('lib/kraken imports nothing from next, react, ws, server-only or the server tree', () => {
  const dir = new URL('.', import.meta.url).pathname;
  const files = sources(dir);
  assert.ok(files.length > 10);
  const offenders: string[] = [];
  for (const file of files) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s+['"]([^'"]+)['"]/gm)) {
      const spec = match[1] ?? match[2] ?? match[3] ?? '';
      if (FORBIDDEN.test(spec)) offenders.push(`${file}: ${spec}`);
    }
  }
  assert.deepEqual(offenders, []);
});
