import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { minMoveFor, toPriceBar, toVolumeBar, withAlpha } from './chart-bars';

const candle = { time: 60, open: '100.5', high: '101.0', low: '99.9', close: '100.1', volume: '2.50000000' };

describe('chart bars', () => {
  it('converts text to numbers only for drawing', () => {
    assert.deepEqual(toPriceBar(candle), { time: 60, open: 100.5, high: 101, low: 99.9, close: 100.1 });
  });

  it('colours volume by the candle direction (flat counts as up)', () => {
    assert.deepEqual(toVolumeBar(candle), { time: 60, value: 2.5, up: false });
    assert.equal(toVolumeBar({ ...candle, close: '100.5' }).up, true);
  });

  it('adds alpha to hex colours and leaves others alone', () => {
    assert.equal(withAlpha('#22c55e', 0.5), 'rgba(34, 197, 94, 0.5)');
    assert.equal(withAlpha('rgb(1, 2, 3)', 0.5), 'rgb(1, 2, 3)');
  });

  it('derives the price step from the precision', () => {
    assert.equal(minMoveFor(0), 1);
    assert.equal(minMoveFor(2), 0.01);
    assert.equal(minMoveFor(8), 0.00000001);
  });
});
