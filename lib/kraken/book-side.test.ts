import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BookSide } from './book-side';

function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 4294967296;
}

test('BookSide stays sorted through growth, re-centring and deletes at both ends', () => {
  const random = lcg(7);
  const side = new BookSide(16);
  const reference = new Map<number, string>();
  for (let step = 0; step < 5000; step++) {
    // drift the key range so the window runs into both ends of its arrays
    const centre = Math.floor(step / 10);
    const key = centre + Math.floor(random() * 400) - 200;
    if (random() < 0.35) {
      assert.equal(side.remove(key), reference.delete(key));
    } else {
      const qty = String(step);
      const level = side.upsert(key, qty);
      if (!reference.has(key)) assert.equal(level.price, '', 'new levels come back without text');
      level.price = `p${key}`;
      reference.set(key, qty);
    }
    if (step % 97 === 0) {
      const depth = 150;
      side.truncate(depth);
      const keep = [...reference.keys()].sort((a, b) => b - a).slice(0, depth);
      for (const k of [...reference.keys()]) if (!keep.includes(k)) reference.delete(k);
    }
  }
  const expected = [...reference.entries()].sort((a, b) => b[0] - a[0]);
  assert.equal(side.size, expected.length);
  expected.forEach(([key, qty], i) => {
    assert.equal(side.keyAt(i), key);
    assert.equal(side.at(i).qty, qty);
    assert.equal(side.at(i).price, `p${key}`);
  });
  side.clear();
  assert.equal(side.size, 0);
});
