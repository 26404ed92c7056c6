import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { computeImpact } from './impact';

const book = {
  asks: [{ price: '100.0', qty: '1' }, { price: '101.0', qty: '2' }, { price: '105.0', qty: '1' }],
  bids: [{ price: '99.0', qty: '1' }, { price: '98.0', qty: '3' }],
};
const fees = { takerFeePct: '0.4', makerFeePct: '0.25' };

describe('computeImpact', () => {
  test('a market buy walks the asks: exact average, slippage in bps, taker fee, share of depth', () => {
    const i = computeImpact({ side: 'buy', volume: '2', ...fees }, book);
    assert.equal(i.avgFillPrice, '100.5');
    assert.equal(i.slippageBps, '50');
    assert.equal(i.notional, '201');
    assert.equal(i.estimatedFee, '0.804');
    assert.equal(i.shareOfVisibleDepthPct, '50');
    assert.equal(i.fullyFillable, true);
  });

  test('a market sell larger than the book is not fully fillable; the rest is valued at the worst level', () => {
    const i = computeImpact({ side: 'sell', volume: '5', ...fees }, book);
    assert.equal(i.filledVolume, '4');
    assert.equal(i.remainingVolume, '1');
    assert.equal(i.fullyFillable, false);
    assert.equal(i.notional, String(99 + 3 * 98 + 98));
  });

  test('a limit buy fills only up to its price and rests the remainder at maker fee', () => {
    const i = computeImpact({ side: 'buy', volume: '4', limitPrice: '101.0', ...fees }, book);
    assert.equal(i.filledVolume, '3');
    assert.equal(i.remainingVolume, '1');
    assert.equal(i.notional, String(100 + 202 + 101));
    assert.equal(i.estimatedFee, '1.4605', '302 × 0.4% + 101 × 0.25%, exact');
    assert.equal(i.fullyFillable, true);
    const resting = computeImpact({ side: 'buy', volume: '1', limitPrice: '90.0', ...fees }, book);
    assert.equal(resting.avgFillPrice, undefined);
    assert.equal(resting.slippageBps, '0');
    assert.equal(resting.notional, '90');
  });

  test('a quote-volume (viqc) market buy spends the quote amount; no floats (0.1 + 0.2 stays exact)', () => {
    const i = computeImpact({ side: 'buy', volume: '150', volumeInQuote: true, ...fees }, { asks: [{ price: '100', qty: '1' }, { price: '200', qty: '1' }], bids: [] });
    assert.equal(i.filledVolume, '1.25');
    assert.equal(i.avgFillPrice, '120');
    const exact = computeImpact({ side: 'buy', volume: '0.3', ...fees }, { asks: [{ price: '1', qty: '0.1' }, { price: '1', qty: '0.2' }], bids: [] });
    assert.equal(exact.notional, '0.3');
  });

  test('an empty side gives no fill, no best price, and says it cannot be filled', () => {
    const i = computeImpact({ side: 'sell', volume: '1', ...fees }, { asks: [], bids: [] });
    assert.equal(i.bestPrice, undefined);
    assert.equal(i.fullyFillable, false);
  });
});
