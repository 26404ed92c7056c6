import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeCandles, oldestTime } from './merge';

const bar = (time: number, close: string) => ({ time, close });

describe('mergeCandles', () => {
  it('prepends an older page, sorted by time', () => {
    const merged = mergeCandles([bar(300, 'c'), bar(360, 'd')], [bar(180, 'a'), bar(240, 'b')]);
    assert.deepEqual(merged.map((b) => b.time), [180, 240, 300, 360]);
  });

  it('keeps one bar per time and prefers the bar already held', () => {
    const merged = mergeCandles([bar(240, 'held'), bar(300, 'x')], [bar(180, 'a'), bar(240, 'rebuilt')]);
    assert.deepEqual(merged, [bar(180, 'a'), bar(240, 'held'), bar(300, 'x')]);
  });

  it('sorts unsorted input and dedupes inside one page', () => {
    const merged = mergeCandles([], [bar(120, 'b'), bar(60, 'a'), bar(120, 'c')]);
    assert.deepEqual(merged.map((b) => b.time), [60, 120]);
  });

  it('does not modify its inputs', () => {
    const existing = [bar(60, 'a')];
    const incoming = [bar(0, 'z')];
    mergeCandles(existing, incoming);
    assert.deepEqual(existing, [bar(60, 'a')]);
    assert.deepEqual(incoming, [bar(0, 'z')]);
  });
});

describe('oldestTime', () => {
  it('finds the smallest time or undefined', () => {
    assert.equal(oldestTime([bar(60, 'a'), bar(0, 'b')]), 0);
    assert.equal(oldestTime([]), undefined);
  });
});
