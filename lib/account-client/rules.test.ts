import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkCost, checkDisplayVolume, checkOffset, checkPrice, checkVolume, typedDecimal } from './rules';

const btc = { symbol: 'BTC/USD', base: 'BTC', quote: 'USD', tickSize: '0.1', lotDecimals: 8, ordermin: '0.0001', costmin: '0.5' };

test('typedDecimal accepts what people type and refuses the rest', () => {
  assert.equal(typedDecimal('.5'), '0.5');
  assert.equal(typedDecimal('12.'), '12');
  assert.equal(typedDecimal(' 3.25 '), '3.25');
  assert.equal(typedDecimal('1e3'), null);
  assert.equal(typedDecimal('-1'), null);
  assert.equal(typedDecimal('.'), null);
  assert.equal(typedDecimal(''), null);
});

test('checkPrice enforces the tick size with the nearest valid price below', () => {
  assert.equal(checkPrice('113900.1', btc), null);
  assert.equal(checkPrice('113900.10', btc), null);
  assert.equal(checkPrice('113900.15', btc), 'Price must be a multiple of the tick size 0.1 USD (e.g. 113900.1).');
  assert.equal(checkPrice('', btc, 'Limit price'), 'Enter a limit price.');
  assert.equal(checkPrice('abc', btc), 'Price must be a number like 1.25.');
  assert.equal(checkPrice('0', btc), 'Price must be greater than 0.');
  assert.equal(checkPrice('0.00005', { tickSize: '0.00001', quote: 'USD' }), null);
  assert.match(checkPrice('0.000055', { tickSize: '0.00001', quote: 'USD' }) ?? '', /e\.g\. 0\.00005\)/);
});

test('checkVolume enforces lot decimals and ordermin', () => {
  assert.equal(checkVolume('0.0001', btc), null);
  assert.equal(checkVolume('0.00009', btc), 'The minimum order size is 0.0001 BTC.');
  assert.equal(checkVolume('0.123456789', btc), 'Size can have at most 8 decimals of BTC.');
  assert.equal(checkVolume('0.123456780', btc), null, 'a trailing zero is not an extra decimal');
  assert.equal(checkVolume('1.5', { base: 'DOGE', lotDecimals: 0, ordermin: undefined }), 'Size can have at most 0 decimals of DOGE.');
  assert.equal(checkVolume('', btc), 'Enter a size.');
});

test('checkCost compares price × volume with costmin exactly', () => {
  assert.equal(checkCost('0.0001', '5000', btc), null, '0.5 equals the minimum');
  assert.equal(checkCost('0.0001', '4999.9', btc), 'The order value 0.49999 USD is below the minimum of 0.5 USD.');
  assert.equal(checkCost('x', '5000', btc), null);
  assert.equal(checkCost('0.0001', '1', { quote: 'USD', costmin: undefined }), null);
});

test('checkDisplayVolume needs at least a fifteenth of the order and no more than all of it', () => {
  assert.equal(checkDisplayVolume('1', '15', btc), null);
  assert.equal(checkDisplayVolume('0.99', '15', btc), 'Visible size must be at least 1/15 of the order size (1.00000000 BTC).');
  assert.equal(checkDisplayVolume('16', '15', btc), 'Visible size cannot be larger than the order size.');
  assert.equal(checkDisplayVolume('0.2', '1', btc), null);
  assert.equal(checkDisplayVolume('0.06', '1', btc), 'Visible size must be at least 1/15 of the order size (0.06666667 BTC).');
});

test('checkOffset: amounts follow the tick, percentages have two decimals and stay below 100', () => {
  assert.equal(checkOffset('50', false, btc), null);
  assert.match(checkOffset('50.05', false, btc) ?? '', /tick size 0.1/);
  assert.equal(checkOffset('1.5', true, btc), null);
  assert.equal(checkOffset('1.555', true, btc), 'Trailing offset in percent can have at most 2 decimals.');
  assert.equal(checkOffset('100', true, btc), 'Trailing offset must be below 100%.');
});
