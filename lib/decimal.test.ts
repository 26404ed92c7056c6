import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  addText, compareDecimal, countDecimals, DecimalParseError, divideText, floorToStep, isDecimalText, isMultipleOf,
  isZeroText, multiplyText, parseDecimal, percentChangeText, stepText, subtractText, toFixedText, toText,
} from './decimal';

test('parseDecimal accepts plain decimal text only', () => {
  assert.equal(parseDecimal('30010.0').toFixed(), '30010');
  assert.equal(parseDecimal('-0.00000001').toFixed(), '-0.00000001');
  for (const bad of ['', ' 1', '1 ', '1e5', '+1', '.5', '5.', '1,5', 'NaN', 'Infinity', '0x10', '--1']) {
    assert.throws(() => parseDecimal(bad), DecimalParseError, bad);
    assert.equal(isDecimalText(bad), false, bad);
  }
  assert.equal(isDecimalText(5), false);
});

test('arithmetic is exact where floats are not', () => {
  assert.equal(addText('0.1', '0.2'), '0.3');
  assert.equal(subtractText('0.3', '0.1'), '0.2');
  assert.equal(multiplyText('1.25', '37500.1'), '46875.125');
  assert.equal(multiplyText('0.00000001', '0.00000001'), '0.0000000000000001');
  assert.equal(divideText('10', '3', 4), '3.3333');
  assert.throws(() => divideText('1', '0', 2), RangeError);
  assert.equal(toText('-0.0'), '0');
  assert.equal(toText('1.500'), '1.5');
});

test('compareDecimal ignores trailing zeros', () => {
  assert.equal(compareDecimal('1.50', '1.5'), 0);
  assert.equal(compareDecimal('1.49999999999999999999', '1.5'), -1);
  assert.equal(compareDecimal('100', '99.99'), 1);
});

test('isMultipleOf checks tick sizes exactly', () => {
  assert.equal(isMultipleOf('30010.1', '0.1'), true);
  assert.equal(isMultipleOf('30010.15', '0.1'), false);
  assert.equal(isMultipleOf('0.3', '0.1'), true);
  assert.equal(isMultipleOf('1.00005', '0.00005'), true);
  assert.equal(isMultipleOf('0', '0.5'), true);
  assert.throws(() => isMultipleOf('1', '0'), RangeError);
});

test('countDecimals counts written places', () => {
  assert.equal(countDecimals('1.2500'), 4);
  assert.equal(countDecimals('100'), 0);
  assert.equal(countDecimals('-0.001'), 3);
  assert.throws(() => countDecimals('1e-8'), DecimalParseError);
});

test('toFixedText keeps trailing zeros and rounds as asked', () => {
  assert.equal(toFixedText('1.5', 8), '1.50000000');
  assert.equal(toFixedText('0.125', 2), '0.13');
  assert.equal(toFixedText('0.129', 2, 'down'), '0.12');
  assert.equal(toFixedText('0.121', 2, 'up'), '0.13');
  assert.equal(toFixedText('-0.001', 2), '0.00');
  assert.equal(toFixedText('123', 0), '123');
  assert.throws(() => toFixedText('1', -1), RangeError);
});

test('floorToStep and isZeroText', () => {
  assert.equal(floorToStep('1.23456789', '0.001'), '1.234');
  assert.equal(floorToStep('7', '5'), '5');
  assert.equal(isZeroText('0.000'), true);
  assert.equal(isZeroText('0.001'), false);
});

test('stepText writes the smallest step at a precision', () => {
  assert.equal(stepText(8), '0.00000001');
  assert.equal(stepText(1), '0.1');
  assert.equal(stepText(0), '1');
});

test('percentChangeText measures from the first value and is 0 from a zero base', () => {
  assert.equal(percentChangeText('200', '199.3', 2), '-0.35');
  assert.equal(percentChangeText('100', '150', 2), '50.00');
  assert.equal(percentChangeText('0', '5', 2), '0.00');
  assert.equal(percentChangeText('3', '4', 4), '33.3333');
});
