import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { depthAt, depthCurve, isBestFirst } from './depth-curve';

const lv = (price: string, qty: string) => ({ price, qty });

describe('depthCurve', () => {
  it('cumulates both sides exactly and centres the range on the mid', () => {
    const curve = depthCurve([lv('99.9', '0.1'), lv('99.5', '0.2'), lv('98.0', '5')], [lv('100.1', '0.3'), lv('100.4', '0.4')]);
    assert.equal(curve.mid, '100');
    assert.deepEqual(curve.bids.map((p) => [p.price, p.cumulative]), [['99.9', '0.1']], '99.5 lies beyond the shallower side');
    assert.deepEqual(curve.asks.map((p) => [p.price, p.cumulative]), [['100.1', '0.3'], ['100.4', '0.7']]);
    assert.ok(Math.abs(curve.low - 99.6) < 1e-9 && Math.abs(curve.high - 100.4) < 1e-9);
    assert.ok(Math.abs(curve.maxCumulative - 0.7) < 1e-12);
  });

  it('draws a one-sided book over its own extent', () => {
    const curve = depthCurve([], [lv('10', '1'), lv('11', '2')]);
    assert.equal(curve.mid, undefined);
    assert.deepEqual(curve.bids, []);
    assert.deepEqual(curve.asks.map((p) => p.cumulative), ['1', '3']);
    assert.deepEqual([curve.low, curve.high, curve.maxCumulative], [10, 11, 3]);
    assert.deepEqual(depthCurve([lv('5', '2')], []).bids.map((p) => p.cumulative), ['2']);
  });

  it('handles an empty book and single levels on both sides', () => {
    const empty = depthCurve([], []);
    assert.deepEqual([empty.bids, empty.asks, empty.mid, empty.maxCumulative], [[], [], undefined, 0]);
    const single = depthCurve([lv('9', '1')], [lv('11', '2')]);
    assert.equal(single.mid, '10');
    assert.deepEqual([single.low, single.high], [9, 11]);
  });
});

describe('depthAt', () => {
  it('reads the cumulative size on the hovered side', () => {
    const curve = depthCurve([lv('99', '1'), lv('98', '2')], [lv('101', '3'), lv('102', '4')]);
    assert.deepEqual(depthAt(curve, 98.5)?.point.cumulative, '1');
    assert.equal(depthAt(curve, 98.5)?.side, 'bid');
    assert.deepEqual(depthAt(curve, 102)?.point.cumulative, '7');
    assert.equal(depthAt(curve, 100.5), undefined, 'between the mid and the best ask nothing is available');
  });
});

describe('isBestFirst', () => {
  it('checks bid and ask ordering', () => {
    assert.ok(isBestFirst([lv('2', '1'), lv('1', '1')], 'bid'));
    assert.ok(!isBestFirst([lv('1', '1'), lv('2', '1')], 'bid'));
    assert.ok(isBestFirst([lv('1', '1'), lv('2', '1')], 'ask'));
    assert.ok(!isBestFirst([lv('1', '1'), lv('1.0', '1')], 'ask'));
  });
});
