import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32 as zlibCrc32 } from 'node:zlib';
import vectors from './fixtures/test-vectors.json' with { type: 'json' };
import { bookChecksum, checksumDigits, crc32 } from './checksum';

test('checksumDigits removes the point and leading zeros only', () => {
  assert.equal(checksumDigits('45285.2'), '452852');
  assert.equal(checksumDigits('0.00100000'), '100000');
  assert.equal(checksumDigits('45281.0'), '452810');
  assert.equal(checksumDigits('0.0'), '0');
});

test('crc32 agrees with zlib on assorted inputs', () => {
  for (const s of ['', 'a', '123456789', '4528521000004528641545719534528661545711094'.repeat(7)]) {
    assert.equal(crc32(s), zlibCrc32(s) >>> 0, s);
  }
  assert.equal(crc32('123456789'), 0xcbf43926);
});

test('bookChecksum matches the v2 and v1 published checksum vectors', () => {
  for (const v of [...vectors.book_checksum_v2, ...vectors.book_checksum_v1]) {
    assert.equal(bookChecksum(v.asks, v.bids), v.expected, v.name);
  }
});

test('bookChecksum uses what exists when a side has fewer than 10 levels', () => {
  const asks = [{ price: '1.5', qty: '2.00' }];
  assert.equal(bookChecksum(asks, []), crc32('15200'));
});
