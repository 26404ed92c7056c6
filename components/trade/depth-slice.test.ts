import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bookRows } from '@/components/order-book/book-rows';
import { levelsInRows } from './depth-slice';

const level = (price: string, qty = '1.000') => ({ price, qty });
// asks from 100.1 up and bids from 99.9 down, one level a tick (0.1)
const asks = Array.from({ length: 500 }, (_, i) => level((100.1 + i / 10).toFixed(1)));
const bids = Array.from({ length: 500 }, (_, i) => level((99.9 - i / 10).toFixed(1)));
const input = { tickSize: '0.1', pricePrecision: 1 };

describe('levelsInRows', () => {
  it('ungrouped, keeps one level per row', () => {
    assert.deepEqual(levelsInRows(asks, 'ask', { ...input, rows: 25, multiplier: 1 }), asks.slice(0, 25));
    assert.deepEqual(levelsInRows(bids, 'bid', { ...input, rows: 10, multiplier: 1 }), bids.slice(0, 10));
  });

  it('grouped 10×, keeps the levels of the first rows exactly as the book groups them', () => {
    // asks round up to 1.0 steps: 100.1…101.0 is the row 101.0, so 25 rows end at 125.0 (250 levels)
    const a = levelsInRows(asks, 'ask', { ...input, rows: 25, multiplier: 10 });
    assert.equal(a.length, 250);
    assert.equal(a.at(-1)?.price, '125.0');
    // bids round down: 99.9…99.0 is the row 99.0; the 25th row is 75.0, its lowest level 75.0
    const b = levelsInRows(bids, 'bid', { ...input, rows: 25, multiplier: 10 });
    assert.equal(b.at(-1)?.price, '75.0');
    assert.equal(b.length, 250);
    // the same levels the order book's rows are made of
    const rows = bookRows({ asks, bids, tickSize: '0.1', multiplier: 10, pricePrecision: 1, qtyPrecision: 3, rowsPerSide: 25 });
    assert.deepEqual(rows.sides.map((s) => s.levelsForRows), [a.length, b.length]);
  });

  it('returns the side itself when the book has fewer rows than shown, and nothing for no rows', () => {
    const few = asks.slice(0, 30);
    assert.equal(levelsInRows(few, 'ask', { ...input, rows: 25, multiplier: 10 }), few);
    assert.deepEqual(levelsInRows(asks, 'ask', { ...input, rows: 0, multiplier: 10 }), []);
    assert.deepEqual(levelsInRows([], 'bid', { ...input, rows: 10, multiplier: 100 }), []);
  });

  it('a gap in the book does not count as rows', () => {
    const gappy = [level('100.1'), level('100.2'), level('107.3'), level('107.4'), level('130.0')];
    assert.deepEqual(levelsInRows(gappy, 'ask', { ...input, rows: 2, multiplier: 10 }).map((l) => l.price), ['100.1', '100.2', '107.3', '107.4']);
  });
});
