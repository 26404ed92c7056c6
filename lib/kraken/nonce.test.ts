import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createClockNonceSource } from './nonce';

function assertStrictlyIncreasing(values: string[]): void {
  for (let i = 1; i < values.length; i++) assert.ok(BigInt(values[i]!) > BigInt(values[i - 1]!), `${values[i - 1]} < ${values[i]}`);
}

test('follows the millisecond clock when it moves forward', () => {
  let t = 1_616_492_376_594;
  const source = createClockNonceSource({ now: () => t });
  assert.equal(source.next(), '1616492376594');
  t += 5;
  assert.equal(source.next(), '1616492376599');
});

test('never repeats within one millisecond and never goes back when the clock steps back', () => {
  const clock = [1000, 1000, 1000, 900, 500, 1001, 1002, 2000, 1500];
  let i = 0;
  const source = createClockNonceSource({ now: () => clock[i++]! });
  const values = clock.map(() => source.next() as string);
  assert.deepEqual(values, ['1000', '1001', '1002', '1003', '1004', '1005', '1006', '2000', '2001']);
  assertStrictlyIncreasing(values);
});

test('scales beyond double precision without losing digits', () => {
  const source = createClockNonceSource({ now: () => 1_700_000_000_123, scale: 'ns' });
  assert.equal(source.next(), '1700000000123000000');
  assert.equal(source.next(), '1700000000123000001');
  assert.equal(source.last(), '1700000000123000001');
});

test('continues after a persisted nonce even if the clock is behind it', () => {
  const source = createClockNonceSource({ now: () => 5, after: '18446744073709551000' });
  assert.equal(source.next(), '18446744073709551001');
  assert.throws(() => createClockNonceSource({ after: '-1' }), RangeError);
});

test('10,000 draws under a frozen clock stay strictly increasing', () => {
  const source = createClockNonceSource({ now: () => 42 });
  const values = Array.from({ length: 10_000 }, () => source.next() as string);
  assertStrictlyIncreasing(values);
  assert.equal(new Set(values).size, 10_000);
});
