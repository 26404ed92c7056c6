import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { it } from 'node:test';
import { REFUSED_OUTCOME_MIGRATION_SQL, TRADING_MIGRATION_SQL } from './migration-trading';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

// Shipped migrations must never change: these pin the exact text migrations 2 and 4 had when they shipped.
it('migrations 2 and 4 keep their shipped SQL text character for character', () => {
  assert.equal(sha256(TRADING_MIGRATION_SQL), '535f6a586e1604235a526316ecf603e26d4cc368b5c101d6b3773f4519508e7b');
  assert.equal(sha256(REFUSED_OUTCOME_MIGRATION_SQL), 'b868ae12417f2d8f2d232438a0c329cc9a7dfd9c16047f045986a1b78d61a014');
});
