import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { writeBookData, writeBookText, type RowTarget } from './book-cells';
import type { BookRow } from './book-rows';
import { fakeTextElement } from '@/components/ui/testing/fake-text-element';

/** A table row as the writer sees it: three cells and a dataset, counting every text write. */
function row(): RowTarget & { writes: number } {
  const writes = { made: 0, changed: 0 };
  return {
    cells: [fakeTextElement(writes), fakeTextElement(writes), fakeTextElement(writes)],
    dataset: {},
    get writes() {
      return writes.made + writes.changed;
    },
  };
}
const texts = (r: RowTarget) => Array.from(r.cells, (c) => c.textContent);
const level = (price: string, qty: string, total: string): BookRow => ({ price, qty, total, share: 0 });

describe('writeBookText', () => {
  it('fills empty rows with formatted numbers', () => {
    const rows = [row(), row()];
    writeBookText(rows, [level('65000.1', '0.5', '0.5'), level('64999.9', '1234.25', '1234.75')], 1, 2);
    assert.deepEqual(texts(rows[0]!), ['65,000.1', '0.50', '0.50']);
    assert.deepEqual(texts(rows[1]!), ['64,999.9', '1,234.25', '1,234.75']);
    assert.deepEqual(rows[1]!.dataset, {}, 'the raw values are writeBookData\'s part');
  });

  it('writes only the cells whose values changed', () => {
    const rows = [row(), row()];
    writeBookText(rows, [level('10', '1', '1'), level('9', '2', '3')], 0, 0);
    const before = rows.map((r) => r.writes);
    // the best level's size changes: its size and total change, the second row's total changes too
    const written = writeBookText(rows, [level('10', '2', '2'), level('9', '2', '4')], 0, 0);
    assert.equal(written, 3);
    assert.deepEqual(rows.map((r, i) => r.writes - before[i]!), [2, 1]);
    assert.deepEqual(texts(rows[1]!), ['9', '2', '4']);
    assert.equal(writeBookText(rows, [level('10', '2', '2'), level('9', '2', '4')], 0, 0), 0, 'an unchanged publish writes nothing');
  });

  it('rewrites every cell when the precision changes (another pair on the same rows)', () => {
    const rows = [row()];
    writeBookText(rows, [level('1.5', '2', '2')], 1, 0);
    assert.equal(writeBookText(rows, [level('1.5', '2', '2')], 2, 1), 3);
    assert.deepEqual(texts(rows[0]!), ['1.50', '2.0', '2.0']);
  });

  it('leaves rows React has not rendered yet, or no longer shows, alone', () => {
    const rows = [row()];
    assert.equal(writeBookText(rows, [level('1', '1', '1'), level('2', '1', '2')], 0, 0), 3);
    const extra = [row(), row()];
    assert.equal(writeBookText(extra, [level('1', '1', '1')], 0, 0), 3);
    assert.deepEqual(texts(extra[1]!), ['', '', '']);
  });
});

describe('writeBookData', () => {
  it('writes the raw price and cumulative size a click takes, only where they changed, and never the text', () => {
    const rows = [row(), row()];
    assert.equal(writeBookData(rows, [level('65000.1', '0.5', '0.5'), level('64999.9', '1234.25', '1234.75')]), 4);
    assert.deepEqual(rows.map((r) => ({ ...r.dataset })), [{ price: '65000.1', size: '0.5' }, { price: '64999.9', size: '1234.75' }]);
    assert.deepEqual(texts(rows[0]!), ['', '', '']);
    assert.equal(writeBookData(rows, [level('65000.1', '0.5', '0.5'), level('64999.8', '1', '1.5')]), 2);
    assert.deepEqual({ ...rows[1]!.dataset }, { price: '64999.8', size: '1.5' });
    assert.equal(writeBookData(rows.slice(0, 1), [level('1', '1', '1'), level('2', '1', '2')]), 2, 'rows React has not rendered are skipped');
  });
});
