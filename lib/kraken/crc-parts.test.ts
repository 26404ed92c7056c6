import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checksumDigits, crc32 } from './checksum';
import { CRC_START, crcAppend, crcDigits, crcFinish, crcPart, digitCount } from './crc-parts';

test('crcDigits and digitCount agree with checksumDigits', () => {
  for (const text of ['45285.2', '0.00100000', '45281.0', '0.0', '0', '7', '100.5', '0.5']) {
    const digits = checksumDigits(text);
    assert.equal(crcDigits(0, text), crcPart(digits), text);
    assert.equal(digitCount(text), digits.length, text);
  }
});

test('a CRC folded from cached parts equals crc32 of the concatenation', () => {
  const parts = ['452852100000', '4528641545719', '', '9', '0123456789'.repeat(4)];
  let state = CRC_START;
  for (const p of parts) state = crcAppend(state, crcPart(p), p.length);
  assert.equal(crcFinish(state), crc32(parts.join('')));
  assert.equal(crcFinish(CRC_START), crc32(''));
});
