import assert from 'node:assert/strict';
import { test } from 'node:test';
import { toCsv } from './csv';

test('toCsv quotes commas, quotes and newlines and keeps decimal text as is', () => {
  assert.equal(toCsv(['a', 'b'], [['1.50', 'x,y'], ['say "hi"', 'two\nlines']]), 'a,b\r\n1.50,"x,y"\r\n"say ""hi""","two\nlines"\r\n');
});

test('toCsv defuses formulas but not negative numbers; empty cells stay empty', () => {
  assert.equal(toCsv(['v'], [['=HYPERLINK("x")'], ['-1.5'], ['+1'], [null], [undefined]]), 'v\r\n"\'=HYPERLINK(""x"")"\r\n-1.5\r\n\'+1\r\n\r\n\r\n');
});
