import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { setText } from './set-text';
import { fakeTextElement } from './testing/fake-text-element';

function element(children: { nodeType: number; nodeValue: string | null }[]) {
  const counts = { made: 0, changed: 0 };
  return { el: fakeTextElement(counts, children), counts };
}

describe('setText', () => {
  it('makes the text node of an empty element, then changes that node in place', () => {
    const { el, counts } = element([]);
    assert.equal(setText(el, '1,234.5'), true);
    assert.equal(setText(el, '1,234.6'), true);
    assert.equal(el.textContent, '1,234.6');
    assert.deepEqual(counts, { made: 1, changed: 1 });
  });

  it('writes nothing when the text is already there', () => {
    const { el, counts } = element([]);
    setText(el, 'x');
    assert.equal(setText(el, 'x'), false);
    assert.deepEqual(counts, { made: 1, changed: 0 });
  });

  it('replaces mixed or element children whole, never writing into an element node', () => {
    const { el, counts } = element([{ nodeType: 1, nodeValue: null }, { nodeType: 3, nodeValue: 'a' }]);
    assert.equal(setText(el, 'b'), true);
    assert.equal(el.textContent, 'b');
    assert.deepEqual(counts, { made: 1, changed: 0 });
  });
});
