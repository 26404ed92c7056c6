import { test } from 'node:test';
import assert from 'node:assert/strict';
import { median, spread } from './stats';

test('median takes the middle value, or the mean of the middle two, without reordering its input', () => {
  const values = [5, 1, 3];
  assert.equal(median(values), 3);
  assert.deepEqual(values, [5, 1, 3]);
  assert.equal(median([4, 1, 3, 2]), 2.5);
  assert.throws(() => median([]), /no values/);
});

test('spread gives the median with the lowest and highest round', () => {
  assert.deepEqual(spread([0.98, 1.01, 0.93]), { median: 0.98, min: 0.93, max: 1.01 });
});
