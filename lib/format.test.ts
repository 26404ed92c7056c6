import { test } from 'node:test';
import assert from 'node:assert/strict';
import { formatCompact, formatDecimal, formatPct, roundText, signOf } from './format';

test('roundText pads, rounds half-up and carries', () => {
  assert.equal(roundText('1.5', 3), '1.500');
  assert.equal(roundText('1.2345', 3), '1.235');
  assert.equal(roundText('9.9996', 3), '10.000');
  assert.equal(roundText('0.0004', 3), '0.000');
  assert.equal(roundText('-0.0004', 3), '0.000');
  assert.equal(roundText('-2.5', 0), '-3');
  assert.equal(roundText('113900', 1), '113900.0');
});

test('formatDecimal groups thousands and keeps exact digits', () => {
  assert.equal(formatDecimal('113900.1', 2), '113,900.10');
  assert.equal(formatDecimal('1234567890123.123456789', 9), '1,234,567,890,123.123456789');
  assert.equal(formatDecimal('-1000', 0), '−1,000');
  assert.equal(formatDecimal('abc', 2), '—');
  assert.equal(formatDecimal(undefined, 2), '—');
});

test('formatPct signs and rounds', () => {
  assert.equal(formatPct('-1.386'), '−1.39%');
  assert.equal(formatPct('0.65'), '+0.65%');
  assert.equal(formatPct('0.001'), '0.00%');
});

test('formatCompact abbreviates large values only', () => {
  assert.equal(formatCompact('1234'), '1,234.00');
  assert.equal(formatCompact('12345'), '12.35K');
  assert.equal(formatCompact('4560000'), '4.56M');
  assert.equal(formatCompact('7890000000'), '7.89B');
});

test('signOf', () => {
  assert.equal(signOf('-0.1'), -1);
  assert.equal(signOf('0.000'), 0);
  assert.equal(signOf('2'), 1);
  assert.equal(signOf('x'), 0);
});
