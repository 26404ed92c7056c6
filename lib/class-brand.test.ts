import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLASS_BRAND, isBrandedInstance } from './class-brand';

/** Two copies of the same module, as Next's bundles and the custom server each hold one. */
function copyOfModule() {
  class BaseError extends Error {
    static readonly [CLASS_BRAND]: string = 'test:BaseError';
    static [Symbol.hasInstance](value: unknown): boolean {
      return isBrandedInstance(this, value);
    }
  }
  class BrandedChild extends BaseError {
    static readonly [CLASS_BRAND]: string = 'test:BrandedChild';
  }
  class PlainChild extends BaseError {}
  return { BaseError, BrandedChild, PlainChild };
}

describe('isBrandedInstance', () => {
  const a = copyOfModule();
  const b = copyOfModule();

  it('recognises an instance made by another copy of the class', () => {
    assert.ok(new b.BaseError('x') instanceof a.BaseError);
    assert.ok(new a.BaseError('x') instanceof b.BaseError);
  });

  it('recognises subclasses of another copy as instances of the parent, and branded ones as themselves', () => {
    assert.ok(new b.BrandedChild('x') instanceof a.BaseError);
    assert.ok(new b.BrandedChild('x') instanceof a.BrandedChild);
    assert.ok(new b.PlainChild('x') instanceof a.BaseError);
  });

  it('never takes a parent for a child, nor a foreign unbranded child for a local one', () => {
    assert.equal(new b.BaseError('x') instanceof a.BrandedChild, false);
    assert.equal(new a.BaseError('x') instanceof a.PlainChild, false);
    assert.equal(new b.PlainChild('x') instanceof a.PlainChild, false);
    assert.ok(new a.PlainChild('x') instanceof a.PlainChild);
  });

  it('is false for plain errors, look-alikes and non-objects', () => {
    assert.equal(new Error('x') instanceof a.BaseError, false);
    assert.equal(Object.assign(new Error('x'), { name: 'BaseError' }) instanceof a.BaseError, false);
    assert.equal((null as unknown) instanceof a.BaseError, false);
    assert.equal(('BaseError' as unknown) instanceof a.BaseError, false);
  });
});
