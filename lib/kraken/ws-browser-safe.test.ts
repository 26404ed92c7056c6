import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

/** The streaming half of lib/kraken runs in browsers too: no Node built-ins, no Node globals. */
const BROWSER_FILES = [
  'book.ts', 'book-side.ts', 'checksum.ts', 'crc-parts.ts', 'decimal-text.ts', 'wire-json.ts', 'wire-json-book.ts',
  'ws-backoff.ts', 'ws-client.ts', 'ws-connection.ts', 'ws-requests.ts', 'ws-schemas.ts', 'ws-subscriptions.ts',
  'ws-types.ts', 'ws-waiters.ts',
];

test('browser-facing lib/kraken files import no node: modules and use no Node globals', () => {
  const offenders: string[] = [];
  for (const name of BROWSER_FILES) {
    const text = readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
    for (const match of text.matchAll(/\bfrom\s+['"]([^'"]+)['"]/g)) {
      const spec = match[1] as string;
      if (!spec.startsWith('./') && spec !== 'zod') offenders.push(`${name} imports ${spec}`);
    }
    if (/\b(Buffer|process|require|__dirname)\b[.(]/.test(text)) offenders.push(`${name} uses a Node global`);
  }
  assert.deepEqual(offenders, []);
});
