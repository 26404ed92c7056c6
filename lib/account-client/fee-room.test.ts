import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { addText, compareDecimal, multiplyText } from '../decimal';
import { fillablePercentOfBalance } from './fee-room';

const funds = { base: '0.5', quote: '1000' };

test('100 % of a buy leaves room for the taker fee: spend plus fee fits in the free quote', () => {
  const size = fillablePercentOfBalance(100, 'buy', funds, '100', 4, '0.26', false)!;
  assert.equal(size, '9.974');
  const spend = multiplyText(size, '100');
  const withFee = addText(spend, multiplyText(spend, '0.0026'));
  assert.equal(compareDecimal(withFee, '1000'), -1);
  // one more lot would not fit
  const next = multiplyText(addText(size, '0.0001'), '100');
  assert.equal(compareDecimal(addText(next, multiplyText(next, '0.0026')), '1000'), 1);
});

test('a market buy is sized with a cushion for the levels it walks', () => {
  assert.equal(fillablePercentOfBalance(100, 'buy', funds, '100', 4, '0.26', true), '9.9244');
  assert.equal(fillablePercentOfBalance(50, 'buy', funds, '100', 4, undefined, false), '5');
});

test('a sell may use its whole base (the fee comes out of the proceeds); unknowns give null', () => {
  assert.equal(fillablePercentOfBalance(100, 'sell', funds, '100', 4, '0.26', true), '0.5');
  assert.equal(fillablePercentOfBalance(100, 'buy', funds, undefined, 4, '0.26', false), null);
  assert.equal(fillablePercentOfBalance(100, 'buy', { base: '1', quote: undefined }, '100', 4, '0.26', false), null);
});
