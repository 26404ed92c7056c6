import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatScaled } from '@/lib/kraken/decimal-text';
import { bookRows, groupLevels, groupStep, toUnits } from './book-rows';

describe('decimal units', () => {
  it('round-trips text exactly', () => {
    assert.equal(toUnits('123.45', 3), 123450n);
    assert.equal(toUnits('0.00000001', 8), 1n);
    assert.equal(toUnits('5', 2), 500n);
    assert.equal(toUnits('1.234', 2), undefined);
    assert.equal(toUnits('1.230', 2), 123n);
    assert.equal(toUnits('-1', 2), undefined);
    assert.equal(formatScaled(123450n, 3), '123.450');
    assert.equal(formatScaled(1n, 8), '0.00000001');
    assert.equal(formatScaled(42n, 0), '42');
  });

  it('sums sizes that floats get wrong', () => {
    const rows = groupLevels(
      [{ price: '100.1', qty: '0.1' }, { price: '100.2', qty: '0.2' }],
      'bid', groupStep('0.1', 10, 1), 1, 1,
    );
    assert.deepEqual(rows, [{ price: 1000n, qty: 3n, levels: 2 }]);
    assert.equal(formatScaled(rows[0]!.qty, 1), '0.3');
  });
});

describe('groupLevels', () => {
  const bids = [
    { price: '113905.3', qty: '0.50000000' },
    { price: '113900.0', qty: '1.25000000' },
    { price: '113899.9', qty: '0.00000001' },
    { price: '113890.1', qty: '2.00000000' },
  ];
  const asks = [
    { price: '113905.4', qty: '0.10000000' },
    { price: '113910.0', qty: '0.20000000' },
    { price: '113910.1', qty: '0.30000000' },
  ];

  it('is the identity at 1× the tick', () => {
    const rows = groupLevels(bids, 'bid', groupStep('0.1', 1, 1), 1, 8);
    assert.deepEqual(rows.map((r) => formatScaled(r.price, 1)), ['113905.3', '113900.0', '113899.9', '113890.1']);
  });

  it('rounds bids down and asks up to the group', () => {
    const step = groupStep('0.1', 100, 1); // 10.0
    const b = groupLevels(bids, 'bid', step, 1, 8).map((r) => [formatScaled(r.price, 1), formatScaled(r.qty, 8)]);
    assert.deepEqual(b, [['113900.0', '1.75000000'], ['113890.0', '2.00000001']]);
    const a = groupLevels(asks, 'ask', step, 1, 8).map((r) => [formatScaled(r.price, 1), formatScaled(r.qty, 8)]);
    assert.deepEqual(a, [['113910.0', '0.30000000'], ['113920.0', '0.30000000']]);
  });

  it('uses one unit of precision when the tick size is unusable', () => {
    assert.equal(groupStep('0', 10, 2), 10n);
    assert.equal(groupStep('0.005', 1, 3), 5n);
  });
});

describe('bookRows', () => {
  it('limits rows per side and puts cumulative totals on one scale', () => {
    const { asks, bids } = bookRows({
      asks: [{ price: '10.0', qty: '1.0' }, { price: '10.1', qty: '3.0' }, { price: '10.2', qty: '5.0' }],
      bids: [{ price: '9.9', qty: '2.0' }, { price: '9.8', qty: '2.0' }],
      tickSize: '0.1', multiplier: 1, pricePrecision: 1, qtyPrecision: 1, rowsPerSide: 2,
    });
    assert.deepEqual(asks.map((r) => [r.price, r.qty, r.total]), [['10.0', '1.0', '1.0'], ['10.1', '3.0', '4.0']]);
    assert.deepEqual(bids.map((r) => r.total), ['2.0', '4.0']);
    assert.equal(asks[1]?.share, 1);
    assert.equal(bids[0]?.share, 0.5);
  });
});

describe('bookRows samples for the depth chooser', () => {
  it('counts the levels each side has and how many fill the first rows', () => {
    const { sides } = bookRows({
      asks: [{ price: '10.0', qty: '1' }, { price: '10.1', qty: '1' }, { price: '10.4', qty: '1' }],
      bids: [{ price: '9.9', qty: '1' }],
      tickSize: '0.1', multiplier: 3, pricePrecision: 1, qtyPrecision: 0, rowsPerSide: 1,
    });
    // asks 10.0 | 10.1 10.2→10.2 bucket… step 0.3: 10.0→10.2, 10.1→10.2, 10.4→10.5
    assert.deepEqual(sides, [{ levels: 3, rows: 2, levelsForRows: 2 }, { levels: 1, rows: 1, levelsForRows: 1 }]);
  });
});
