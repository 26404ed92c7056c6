import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * Small functions: none over MAX_LINES lines outside tests, so a component or a factory is read in one sitting
 * and its parts have names. A function's lines are counted from its first to its last line, nested functions
 * included (a factory whose closures run long is long); tests and test helpers are not scanned.
 */
const root = join(new URL('.', import.meta.url).pathname, '..');
const ROOTS = ['lib', 'server', 'components', 'app'];
const MAX_LINES = 100;
const TEST_FILE = /(\.test\.tsx?|\.spec\.tsx?|\.d\.ts)$/;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.name === 'node_modules') return [];
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !TEST_FILE.test(e.name) ? [path] : [];
  });
}

/** Every function-like node longer than `max` lines: `name (lines)` with the line it starts on. */
export function longFunctions(fileName: string, text: string, max = MAX_LINES): { name: string; line: number; lines: number }[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const found: { name: string; line: number; lines: number }[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const start = file.getLineAndCharacterOfPosition(node.getStart(file)).line;
      const end = file.getLineAndCharacterOfPosition(node.getEnd()).line;
      const lines = end - start + 1;
      if (lines > max) found.push({ name: nameOf(node), line: start + 1, lines });
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

function nameOf(node: ts.Node): string {
  const named = node as { name?: ts.Node };
  if (named.name && ts.isIdentifier(named.name)) return named.name.text;
  let parent = node.parent;
  while (parent && (ts.isCallExpression(parent) || ts.isParenthesizedExpression(parent) || ts.isAsExpression(parent))) parent = parent.parent;
  if (parent && (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) && ts.isIdentifier(parent.name)) return parent.name.text;
  return '(anonymous)';
}

test(`no function in lib, server, components or app is longer than ${MAX_LINES} lines`, () => {
  const files = ROOTS.flatMap(sources);
  assert.ok(files.includes('lib/protocol.ts') && files.length > 200, `the scan missed the source tree (${files.length} files)`);
  const offenders = files.flatMap((f) => longFunctions(f, readFileSync(join(root, f), 'utf8')).map((l) => `${f}:${l.line} ${l.name} (${l.lines} lines)`));
  assert.deepEqual(offenders, []);
});

test('the length check counts a function from its first to its last line and names it', () => {
  const body = (n: number) => Array.from({ length: n - 2 }, (_, i) => `  const v${i} = ${i};`).join('\n');
  const text = `export function Long() {\n${body(101)}\n}\nexport const Short = () => {\n${body(100)}\n};\nconst wrapped = memo(function () {\n${body(102)}\n});\n`;
  assert.deepEqual(longFunctions('x.tsx', text), [{ name: 'Long', line: 1, lines: 101 }, { name: 'wrapped', line: 202, lines: 102 }]);
});
