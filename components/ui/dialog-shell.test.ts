import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * One modal shell: every dialog of the desk is a ModalDialog (components/ui/dialog.tsx), so focus trapping,
 * Escape, the backdrop and the accessible name are wired once. Only that file opens a native <dialog> itself.
 */
const root = join(new URL('.', import.meta.url).pathname, '..', '..');
const SHELL = 'components/ui/dialog.tsx';
const OPENS_A_DIALOG = /<dialog[\s>]|\.showModal\(/;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [path] : [];
  });
}

test('only the modal shell opens a native <dialog>', () => {
  const files = ['components', 'app'].flatMap(sources);
  assert.ok(files.includes(SHELL) && files.length > 50, `the scan missed the source tree (${files.length} files)`);
  assert.ok(OPENS_A_DIALOG.test(readFileSync(join(root, SHELL), 'utf8')), 'the check recognises the shell itself');
  const offenders = files.filter((f) => f !== SHELL && OPENS_A_DIALOG.test(readFileSync(join(root, f), 'utf8')));
  assert.deepEqual(offenders, []);
});
