import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { checksumTitle } from './checksum-badge';

describe('checksumTitle', () => {
  it('shows the matched CRC32 as 8 hex digits while the book is live', () => {
    assert.equal(checksumTitle('live', 0x1a2b), 'CRC32 00001a2b');
  });
  it('shows nothing for a book that is not live or has no checksum yet', () => {
    assert.equal(checksumTitle('resyncing', 0x1a2b), '');
    assert.equal(checksumTitle('live', undefined), '');
  });
});
