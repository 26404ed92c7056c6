import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { splitterKey } from './splitter-keys';

const range = { min: 480, max: 960, step: 16 };

describe('splitterKey', () => {
  it('steps with arrows in the direction that grows the value, five times with Shift', () => {
    assert.equal(splitterKey(600, 'ArrowLeft', false, ['ArrowLeft'], range), 616);
    assert.equal(splitterKey(600, 'ArrowRight', false, ['ArrowLeft'], range), 584);
    assert.equal(splitterKey(600, 'ArrowLeft', true, ['ArrowLeft'], range), 680);
    assert.equal(splitterKey(60, 'ArrowDown', false, ['ArrowDown'], { min: 30, max: 85, step: 2 }), 62);
  });

  it('stays within bounds and jumps to them with Home and End', () => {
    assert.equal(splitterKey(950, 'ArrowLeft', true, ['ArrowLeft'], range), 960);
    assert.equal(splitterKey(490, 'ArrowRight', true, ['ArrowLeft'], range), 480);
    assert.equal(splitterKey(600, 'Home', false, ['ArrowLeft'], range), 480);
    assert.equal(splitterKey(600, 'End', false, ['ArrowLeft'], range), 960);
  });

  it('leaves other keys alone', () => {
    assert.equal(splitterKey(600, 'Tab', false, ['ArrowLeft'], range), undefined);
    assert.equal(splitterKey(600, 'a', false, ['ArrowLeft'], range), undefined);
  });
});
