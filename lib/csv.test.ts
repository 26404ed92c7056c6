import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvField, toCsv } from './csv';

test('toCsv quotes commas, quotes and newlines and keeps decimal text as is', () => {
  assert.equal(toCsv(['a', 'b'], [['1.50', 'x,y'], ['say "hi"', 'two\nlines']]), 'a,b\r\n1.50,"x,y"\r\n"say ""hi""","two\nlines"\r\n');
});

test('toCsv defuses formulas but not negative numbers; empty cells stay empty', () => {
  assert.equal(toCsv(['v'], [['=HYPERLINK("x")'], ['-1.5'], ['+1'], [null], [undefined]]), 'v\r\n"\'=HYPERLINK(""x"")"\r\n-1.5\r\n\'+1\r\n\r\n\r\n');
});

test('csvField neutralises every OWASP formula start: = + - @ tab CR', () => {
  assert.equal(csvField('=1+1'), "'=1+1");
  assert.equal(csvField('+SUM(A1)'), "'+SUM(A1)");
  assert.equal(csvField('-2+3'), "'-2+3");
  assert.equal(csvField('@SUM(A1)'), "'@SUM(A1)");
  assert.equal(csvField('\t=1'), "'\t=1");
  assert.equal(csvField('\r=1'), `"'\r=1"`);
  assert.equal(csvField('-'), "'-");
  assert.equal(csvField('-1e5'), "'-1e5", 'only plain decimals count as numbers');
});

test('csvField keeps plain decimal numbers (strings and numbers) unchanged', () => {
  for (const n of ['-0.5', '-12', '0', '42.000001', '-0.00000001']) assert.equal(csvField(n), n);
  assert.equal(csvField(-0.5), '-0.5');
  assert.equal(csvField(7), '7');
  assert.equal(csvField(false), 'false');
});

test('csvField quotes a field with a comma, quote, CR or LF and doubles inner quotes', () => {
  assert.equal(csvField('a,b'), '"a,b"');
  assert.equal(csvField('a"b'), '"a""b"');
  assert.equal(csvField('a\rb'), '"a\rb"');
  assert.equal(csvField('a\nb'), '"a\nb"');
  assert.equal(csvField('plain text'), 'plain text');
  assert.equal(csvField('=a,"b"'), `"'=a,""b"""`);
});
