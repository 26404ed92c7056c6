import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextTabKey } from './tab-keys';

describe('nextTabKey', () => {
  const keys = ['orders', 'trades', 'ledger'] as const;
  it('moves with the arrows and wraps at both ends', () => {
    assert.equal(nextTabKey(keys, 'orders', 'ArrowRight'), 'trades');
    assert.equal(nextTabKey(keys, 'ledger', 'ArrowRight'), 'orders');
    assert.equal(nextTabKey(keys, 'orders', 'ArrowLeft'), 'ledger');
    assert.equal(nextTabKey(keys, 'trades', 'ArrowLeft'), 'orders');
  });
  it('jumps to the ends with Home and End', () => {
    assert.equal(nextTabKey(keys, 'trades', 'Home'), 'orders');
    assert.equal(nextTabKey(keys, 'trades', 'End'), 'ledger');
  });
  it('leaves every other key to the page', () => {
    assert.equal(nextTabKey(keys, 'trades', 'Enter'), undefined);
    assert.equal(nextTabKey(keys, 'trades', 'ArrowDown'), undefined);
  });
});
