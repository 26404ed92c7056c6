import assert from 'node:assert/strict';
import { test } from 'node:test';
import { baseToQuote, percentOfBalance, quoteToBase } from './size';

test('quoteToBase rounds down to the lot so the cost never exceeds the amount', () => {
  assert.equal(quoteToBase('1000', '30000', 8), '0.03333333');
  assert.equal(quoteToBase('100', '0.1', 0), '1000');
  assert.equal(quoteToBase('0.3', '0.1', 2), '3');
  assert.equal(quoteToBase('100', '0', 8), null);
  assert.equal(quoteToBase('abc', '1', 8), null);
});

test('baseToQuote is exact (no float error)', () => {
  assert.equal(baseToQuote('0.1', '0.2'), '0.02');
  assert.equal(baseToQuote('0.00000001', '113900.1'), '0.001139001');
  assert.equal(baseToQuote('1', 'x'), null);
});

test('percentOfBalance: sells take a share of base, buys spend a share of quote at the price', () => {
  const available = { base: '0.3', quote: '10000.00' };
  assert.equal(percentOfBalance(25, 'sell', available, '30000', 8), '0.075');
  assert.equal(percentOfBalance(100, 'sell', available, undefined, 8), '0.3');
  assert.equal(percentOfBalance(50, 'buy', available, '30000', 8), '0.16666666');
  assert.equal(percentOfBalance(75, 'sell', { base: '0.00000003', quote: '0' }, '1', 8), '0.00000002');
  assert.equal(percentOfBalance(50, 'buy', available, undefined, 8), null, 'a buy needs a price');
  assert.equal(percentOfBalance(0, 'sell', available, '1', 8), null);
  assert.equal(percentOfBalance(101, 'sell', available, '1', 8), null);
  assert.equal(percentOfBalance(50, 'sell', { base: undefined, quote: '1' }, '1', 8), null);
});
