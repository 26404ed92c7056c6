import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';

/**
 * One name per concept: no two modules of the desk export a type, interface, class or function under the same
 * name. Two declarations of one concept become one, imported where needed; two concepts sharing a name are
 * renamed so each name says what it is (`MarketTrade` on the tape, `OwnTrade` in the account's fills).
 * server/simulator is a separate program (the built-in Kraken, with Kraken's own vocabulary) and is not scanned;
 * test files are not scanned either. Framework names that Next.js itself dictates are allowed.
 */
const root = join(new URL('.', import.meta.url).pathname, '..');
const ROOTS = ['lib', 'server', 'components'];
const SKIP = new Set(['node_modules', 'server/simulator']);
const FRAMEWORK_NAMES = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'default', 'metadata', 'dynamic', 'generateMetadata']);

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (SKIP.has(e.name) || SKIP.has(path)) return [];
    if (e.isDirectory()) return sources(path);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

const isExported = (node: ts.Node) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
const isDefault = (node: ts.Node) =>
  ts.canHaveModifiers(node) && (ts.getModifiers(node) ?? []).some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);

/** The names a module declares and exports as a type, interface, class, enum or function (a default export's name is its own). */
export function exportedNames(fileName: string, text: string): string[] {
  const file = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, false, fileName.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const names: string[] = [];
  for (const node of file.statements) {
    if (!isExported(node) || isDefault(node)) continue;
    if ((ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isEnumDeclaration(node)) && node.name) names.push(node.name.text);
    else if ((ts.isFunctionDeclaration(node) || ts.isClassDeclaration(node)) && node.name) names.push(node.name.text);
    else if (ts.isVariableStatement(node)) {
      // `export const X = memo(function X…)`/arrow components are functions under another syntax
      for (const d of node.declarationList.declarations) {
        const init = d.initializer;
        const isFunction = init && (ts.isArrowFunction(init) || ts.isFunctionExpression(init) || (ts.isCallExpression(init) && init.arguments.some((a) => ts.isArrowFunction(a) || ts.isFunctionExpression(a))));
        if (ts.isIdentifier(d.name) && isFunction) names.push(d.name.text);
      }
    }
  }
  return names;
}

/** Name → the files that export it, for names exported by more than one file. */
function sharedNames(): Map<string, string[]> {
  const byName = new Map<string, string[]>();
  for (const file of ROOTS.flatMap(sources)) {
    for (const name of new Set(exportedNames(file, readFileSync(join(root, file), 'utf8')))) {
      if (FRAMEWORK_NAMES.has(name)) continue;
      byName.set(name, [...(byName.get(name) ?? []), file]);
    }
  }
  return new Map([...byName].filter(([, files]) => files.length > 1));
}

test('no two desk modules export a type, class or function under the same name', () => {
  const files = ROOTS.flatMap(sources);
  assert.ok(files.includes('lib/protocol.ts') && files.length > 200, `the scan missed the source tree (${files.length} files)`);
  const shared = sharedNames();
  assert.deepEqual([...shared].map(([name, where]) => `${name}: ${where.join(', ')}`), []);
});

test('the scan sees every kind of exported declaration and skips what is not exported', () => {
  const text = [
    'export interface A {}', 'export type B = string;', 'export function C() {}', 'export class D {}', 'export enum E { x }',
    'export const F = () => 1;', 'export const G = memo(function G() { return null; });', 'export const H = 3;',
    'interface I {}', 'function J() {}', 'export default function K() {}', 'export async function L() {}',
  ].join('\n');
  assert.deepEqual(exportedNames('x.tsx', text), ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'L']);
});
