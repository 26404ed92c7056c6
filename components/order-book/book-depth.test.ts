import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { chooseBookDepth, depthAtLeast, levelsNeeded } from './book-depth';

const side = (levels: number, rows: number, levelsForRows: number) => ({ levels, rows, levelsForRows });

describe('depthAtLeast', () => {
  it('is the smallest of Kraken depths covering the levels, capped at 1000', () => {
    assert.equal(depthAtLeast(1), 10);
    assert.equal(depthAtLeast(10), 10);
    assert.equal(depthAtLeast(11), 25);
    assert.equal(depthAtLeast(26), 100);
    assert.equal(depthAtLeast(101), 500);
    assert.equal(depthAtLeast(501), 1000);
    assert.equal(depthAtLeast(5000), 1000);
  });
});

describe('levelsNeeded', () => {
  it('is exact when the side already has the rows, extrapolated when it has fewer', () => {
    assert.equal(levelsNeeded(side(100, 40, 63), 25), 63);
    // 25 levels made 8 rows: about 3.1 levels a row, 25 rows need 79
    assert.equal(levelsNeeded(side(25, 8, 25), 25), 79);
    assert.equal(levelsNeeded(side(0, 0, 0), 10), 10);
  });
});

describe('chooseBookDepth', () => {
  it('subscribes the chosen depth when the book is not grouped', () => {
    assert.deepEqual(chooseBookDepth({ wanted: 25, multiplier: 1, current: 500, sides: [side(500, 500, 25)] }), { depth: 25 });
  });

  it('keeps at least the chosen depth while the grouped book loads', () => {
    assert.deepEqual(chooseBookDepth({ wanted: 25, multiplier: 10, current: 25 }), { depth: 25 });
    assert.deepEqual(chooseBookDepth({ wanted: 10, multiplier: 10, current: 100 }), { depth: 100 });
  });

  it('grows to the depth that covers the rows on the thinner side, with headroom', () => {
    // 25 levels grouped 10× made 8 and 9 rows: 79 levels needed, ×1.25 = 99 → 100
    assert.deepEqual(chooseBookDepth({ wanted: 25, multiplier: 10, current: 25, sides: [side(25, 8, 25), side(25, 9, 25)] }), { depth: 100 });
    // 100 levels made 3 rows at 1000×: 834 needed → 1000
    assert.deepEqual(chooseBookDepth({ wanted: 25, multiplier: 1000, current: 100, sides: [side(100, 3, 100), side(100, 3, 100)] }), { depth: 1000 });
  });

  it('stays put when the rows are covered, and shrinks only with a wide margin', () => {
    assert.deepEqual(chooseBookDepth({ wanted: 25, multiplier: 10, current: 100, sides: [side(100, 32, 78), side(100, 30, 80)] }), { depth: 100 });
    // grouping went back from 100× to 10×: 30 levels cover the rows, 100 is plenty, 500 is not needed
    assert.deepEqual(chooseBookDepth({ wanted: 25, multiplier: 10, current: 500, sides: [side(500, 150, 30), side(500, 160, 28)] }), { depth: 100 });
    // never below the chosen rows
    assert.deepEqual(chooseBookDepth({ wanted: 100, multiplier: 10, current: 500, sides: [side(500, 200, 40), side(500, 200, 40)] }), { depth: 100 });
  });

  it('says how many rows it can show when no deeper book would give more', () => {
    assert.deepEqual(chooseBookDepth({ wanted: 10, multiplier: 1000, current: 1000, sides: [side(1000, 7, 1000), side(1000, 8, 1000)] }), { depth: 1000, shortOf: 7 });
    // a thin market: the side has fewer levels than subscribed
    assert.deepEqual(chooseBookDepth({ wanted: 25, multiplier: 10, current: 100, sides: [side(40, 12, 40), side(100, 30, 70)] }), { depth: 100, shortOf: 12 });
  });

  it('does not claim a shortfall while a deeper subscription is on its way', () => {
    const choice = chooseBookDepth({ wanted: 25, multiplier: 10, current: 25, sides: [side(25, 8, 25), side(25, 8, 25)] });
    assert.equal(choice.shortOf, undefined);
    assert.ok(choice.depth > 25);
  });
});

describe('chooseBookDepth with more rows chosen than drawn', () => {
  it('covers the rows the view draws, never below the chosen depth', () => {
    // 500 chosen, 100 drawn: 500 levels made 60 rows at 100×, so 834 levels cover 100 rows → 1000
    assert.deepEqual(chooseBookDepth({ wanted: 500, maxRows: 100, multiplier: 100, current: 500, sides: [side(500, 60, 500), side(500, 70, 500)] }), { depth: 1000 });
    assert.deepEqual(chooseBookDepth({ wanted: 500, maxRows: 100, multiplier: 10, current: 500, sides: [side(500, 160, 300), side(500, 170, 290)] }), { depth: 500 });
  });
});
