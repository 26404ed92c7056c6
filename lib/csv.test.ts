import assert from 'node:assert/strict';
import { test } from 'node:test';
import { csvField, toCsv } from './csv';

test('toCsv quotes commas, quotes and newlines and keeps decimal text as is', () => {
  assert.equal(toCsv(['a', 'b'], [['1.50', 'x,y'], ['say "hi"', 'two\nlines']]), 'a,b\r\n1.50,"x,y"\r\n"say ""hi""","two\nlines"\r\n');
});

test('toCsv defuses formulas but not negative numbers; empty cells stay empty', () => {
  assert.equal(toCsv(['v'], [['=HYPERLINK("x")'], ['-1.5'], ['+1'], [null], [undefined]]), 'v\r\n"\'=HYPERLINK(""x"")"\r\n-1.5\r\n\'+1\r\n\r\n\r\n');
});

/** [input, expected field] */
const cases = (rows: [string | number | boolean, string][]) => rows.forEach(([input, want]) => assert.equal(csvField(input), want, JSON.stringify(input)));

test('csvField neutralises every OWASP formula start: = + - @ tab CR', () => {
  cases([
    ['=1+1', "'=1+1"], ['+SUM(A1)', "'+SUM(A1)"], ['-2+3', "'-2+3"], ['@SUM(A1)', "'@SUM(A1)"],
    ['\t=1', "'\t=1"], ['\r=1', `"'\r=1"`], ['-', "'-"],
    ['-1e5', "'-1e5"], // only plain decimals count as numbers
  ]);
});

test('csvField keeps plain decimal numbers (strings and numbers) unchanged', () => {
  cases([['-0.5', '-0.5'], ['-12', '-12'], ['0', '0'], ['42.000001', '42.000001'], ['-0.00000001', '-0.00000001'], [-0.5, '-0.5'], [7, '7'], [false, 'false']]);
});

test('csvField quotes a field with a comma, quote, CR or LF and doubles inner quotes', () => {
  cases([['a,b', '"a,b"'], ['a"b', '"a""b"'], ['a\rb', '"a\rb"'], ['a\nb', '"a\nb"'], ['plain text', 'plain text'], ['=a,"b"', `"'=a,""b"""`]]);
});
