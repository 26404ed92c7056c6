import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  createWireJsonParser,
  parseWireJson,
  rawNumber,
  serializeWithRawNumbers,
  stringifyWire,
} from './wire-json';
import {
  formatScaled,
  isZeroDecimal,
  padNonZeroDecimal,
  padDecimals,
  scaledInteger,
  toFixedDecimal,
  toPlainDecimal,
} from './decimal-text';

test('parseWireJson keeps the exact text of book prices and quantities', () => {
  const frame =
    '{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":45281.0,"qty":0.10000000}],' +
    '"asks":[{"price":45285.2,"qty":0.00100000}],"checksum":3310070434,"timestamp":"2023-10-06T17:35:55.440295Z"}]}';
  const parsed = parseWireJson(frame) as { data: { bids: unknown[]; asks: unknown[]; checksum: unknown }[] };
  const entry = parsed.data[0];
  assert.ok(entry);
  assert.deepEqual(entry.bids, [{ price: '45281.0', qty: '0.10000000' }]);
  assert.deepEqual(entry.asks, [{ price: '45285.2', qty: '0.00100000' }]);
  assert.equal(entry.checksum, 3310070434, 'fields not listed stay numbers');
});

test('parseWireJson turns scientific notation into plain decimal text', () => {
  const parsed = parseWireJson('{"channel":"trade","data":[{"price":1e2,"qty":5.1e-05,"trade_id":7}]}') as {
    data: Record<string, unknown>[];
  };
  assert.deepEqual(parsed.data[0], { price: '100', qty: '0.000051', trade_id: 7 });
});

test('parseWireJson keeps negative ticker changes and 64-bit connection ids exact', () => {
  const ticker = parseWireJson('{"change":-12.30,"change_pct":-0.05,"last":0}') as Record<string, unknown>;
  assert.deepEqual(ticker, { change: '-12.30', change_pct: '-0.05', last: '0' });
  const status = parseWireJson('{"data":[{"connection_id":18446744073709551615}]}') as {
    data: { connection_id: unknown }[];
  };
  assert.equal(status.data[0]?.connection_id, '18446744073709551615');
});

test('a field name inside a string value is not rewritten', () => {
  const text = '{"error":"bad \\"price\\":1.50 here","price":1.50}';
  assert.deepEqual(parseWireJson(text), { error: 'bad "price":1.50 here', price: '1.50' });
});

test('tolerates whitespace between key and value and leaves already-quoted values alone', () => {
  assert.deepEqual(parseWireJson('{ "price" : 2.50 , "qty": "3.0" }'), { price: '2.50', qty: '3.0' });
});

test('malformed JSON throws a SyntaxError', () => {
  assert.throws(() => parseWireJson('{"price":1.0'), SyntaxError);
});

test('createWireJsonParser accepts a custom field list and rejects unsafe names', () => {
  const parser = createWireJsonParser(['rate']);
  assert.deepEqual(parser.parse('{"rate":1.10,"price":1.10}'), { rate: '1.10', price: 1.1 });
  assert.throws(() => createWireJsonParser(['a|b']), RangeError);
});

test('stringifyWire writes raw numbers unquoted with their exact text', () => {
  const text = stringifyWire({ price: rawNumber('45281.0'), qty: rawNumber(0.1, 8), symbol: 'BTC/USD' });
  assert.equal(text, '{"price":45281.0,"qty":0.10000000,"symbol":"BTC/USD"}');
  assert.deepEqual(parseWireJson(text), { price: '45281.0', qty: '0.10000000', symbol: 'BTC/USD' });
});

test('stringifyWire rounds and pads through rawNumber decimals and expands exponents', () => {
  assert.equal(stringifyWire([rawNumber('1.25', 1), rawNumber(5.1e-5), rawNumber('-0.004', 2)]), '[1.3,0.000051,0.00]');
  assert.throws(() => rawNumber('abc'), RangeError);
  assert.throws(() => rawNumber(Number.NaN), RangeError);
});

test('a user string that imitates the raw marker stays a string', () => {
  const sneaky = '\uE00012\uE001';
  const text = stringifyWire({ note: sneaky, price: rawNumber('1.0') });
  assert.deepEqual(JSON.parse(text), { note: sneaky, price: 1 });
  assert.match(text, /"price":1\.0/);
});

test('serializeWithRawNumbers prints chosen fields with fixed decimals at any depth', () => {
  const frame = {
    channel: 'book',
    data: [{ symbol: 'BTC/USD', bids: [{ price: '45281', qty: 0.1 }], asks: [], checksum: 1 }],
  };
  assert.equal(
    serializeWithRawNumbers(frame, { price: 1, qty: 8 }),
    '{"channel":"book","data":[{"symbol":"BTC/USD","bids":[{"price":45281.0,"qty":0.10000000}],"asks":[],"checksum":1}]}',
  );
});

test('toPlainDecimal moves digits for every exponent shape', () => {
  assert.equal(toPlainDecimal('5.1e-05'), '0.000051');
  assert.equal(toPlainDecimal('1.5E3'), '1500');
  assert.equal(toPlainDecimal('-2.50e+1'), '-25');
  assert.equal(toPlainDecimal('1e21'), '1000000000000000000000');
  assert.equal(toPlainDecimal('0e-7'), '0');
  assert.equal(toPlainDecimal('12.30'), '12.30', 'plain text is returned untouched');
  assert.equal(toPlainDecimal('1.2.3'), undefined);
});

test('toFixedDecimal rounds half away from zero on text, with carries', () => {
  assert.equal(toFixedDecimal('0.1', 8), '0.10000000');
  assert.equal(toFixedDecimal('9.995', 2), '10.00');
  assert.equal(toFixedDecimal('-1.25', 1), '-1.3');
  assert.equal(toFixedDecimal('0.0049', 2), '0.00');
  assert.equal(toFixedDecimal(123.456, 0), '123');
  assert.equal(toFixedDecimal('99.5', 0), '100');
  assert.throws(() => toFixedDecimal('x', 2), RangeError);
});

test('padDecimals pads, trims zero excess, refuses real excess precision', () => {
  assert.equal(padDecimals('4', 8), '4.00000000');
  assert.equal(padDecimals('0.001', 8), '0.00100000');
  assert.equal(padDecimals('29431', 1), '29431.0');
  assert.equal(padDecimals('1.500', 1), '1.5');
  assert.equal(padDecimals('7', 0), '7');
  assert.equal(padDecimals('1.55', 1), undefined);
});

test('scaledInteger converts text to exact integer units and rejects junk', () => {
  assert.equal(scaledInteger('29430.2', 1), 294302);
  assert.equal(scaledInteger('29431', 1), 294310);
  assert.equal(scaledInteger('0.00001234', 8), 1234);
  assert.equal(scaledInteger('1.50', 1), 15);
  for (const bad of ['', '.5', '5.', '1.2.3', '-1', '1e5', '1.25', '99999999999999999']) {
    assert.ok(Number.isNaN(scaledInteger(bad, 1)), bad);
  }
  assert.equal(formatScaled(294302, 1), '29430.2');
  assert.equal(formatScaled(5, 3), '0.005');
  assert.equal(formatScaled(-294302, 1), '-29430.2');
  assert.equal(formatScaled(123450n, 3), '123.450', 'bigint units');
  assert.equal(formatScaled(2n ** 64n, 0), '18446744073709551616', 'bigint beyond 2^53 stays exact');
  assert.equal(formatScaled(-5n, 2), '-0.05');
  assert.equal(formatScaled(-5, 1), '-0.5');
  assert.equal(formatScaled(12, 0), '12');
});

test('padNonZeroDecimal validates, detects zero and pads in one pass', () => {
  assert.equal(padNonZeroDecimal('0.00000000', 8), '');
  assert.equal(padNonZeroDecimal('0', 2), '');
  assert.equal(padNonZeroDecimal('4', 8), '4.00000000');
  assert.equal(padNonZeroDecimal('0.5', 3), '0.500');
  assert.equal(padNonZeroDecimal('1.2000', 2), '1.20');
  assert.equal(padNonZeroDecimal('3', 0), '3');
  for (const bad of ['', '1.234', '.5', '5.', '1e-5', '-1', '1..2', 'x']) assert.equal(padNonZeroDecimal(bad, 2), undefined, bad);
});

test('isZeroDecimal recognises every spelling of zero', () => {
  for (const z of ['0', '0.0', '0.00000000', '-0']) assert.ok(isZeroDecimal(z), z);
  for (const nz of ['0.00000001', '1', '']) assert.ok(!isZeroDecimal(nz), nz);
});
