import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { bookChecksum } from '../../lib/kraken/checksum';
import { numberToPlainDecimal } from '../../lib/kraken/decimal-text';
import { BookState, diffLevels } from './book-state';

interface WireLevel {
  price: number;
  qty: number;
}
interface WireBook {
  data: { symbol: string; bids: WireLevel[]; asks: WireLevel[]; checksum: number }[];
}

const fixture = JSON.parse(readFileSync(new URL('../../lib/kraken/fixtures/test-vectors.json', import.meta.url), 'utf8')) as {
  book_replay_v2: { snapshot: WireBook; updates: WireBook[] };
};
const text = (levels: WireLevel[]) => levels.map((l) => ({ price: numberToPlainDecimal(l.price), qty: numberToPlainDecimal(l.qty) }));

test("replays the captured Kraken stream (trailing zeros lost) with every checksum matching", () => {
  const { snapshot, updates } = fixture.book_replay_v2;
  const book = new BookState('BTC/USD', 10, () => ({ price: 1, qty: 8 }));
  const snap = snapshot.data[0]!;
  assert.equal(book.applySnapshot(text(snap.asks), text(snap.bids), snap.checksum), 'ok');
  for (const [i, u] of updates.entries()) {
    const d = u.data[0]!;
    assert.equal(book.applyUpdate(text(d.asks), text(d.bids), d.checksum), 'ok', `update ${i}`);
  }
  assert.equal(updates.length, 80);
  assert.equal(book.topAsks(10).length, 10);
  assert.match(book.topBids(1)[0]![1], /^\d+\.\d{8}$/, 'quantities are re-padded to the pair precision');
});

test('without a pair table the precision is read off the snapshot text and updates are padded to it', () => {
  const book = new BookState('X/USD', 10);
  const asks = [{ price: '10.5', qty: '1.00000000' }];
  const bids = [{ price: '10.0', qty: '2.50000000' }];
  assert.equal(book.applySnapshot(asks, bids, checksumOf([['10.5', '1.00000000']], [['10.0', '2.50000000']])), 'ok');
  assert.equal(book.pricePrecision, 1);
  assert.equal(book.qtyPrecision, 8);
  assert.equal(book.applyUpdate([{ price: '10.5', qty: '0.1' }], [], checksumOf([['10.5', '0.10000000']], [['10.0', '2.50000000']])), 'ok');
  assert.deepEqual(book.topAsks(10), [['10.5', '0.10000000']]);
  assert.deepEqual(book.changedAsks, [['10.5', '0.10000000']]);
});

test('a checksum mismatch or a malformed level invalidates the book', () => {
  const book = new BookState('X/USD', 10, () => ({ price: 1, qty: 8 }));
  const good = checksumOf([['10.5', '1.00000000']], [['10.0', '2.00000000']]);
  assert.equal(book.applySnapshot([{ price: '10.5', qty: '1' }], [{ price: '10.0', qty: '2' }], good), 'ok');
  assert.equal(book.applyUpdate([{ price: '10.6', qty: '1' }], [], good), 'checksum');
  assert.equal(book.valid, false);
  assert.deepEqual(book.topAsks(10), [], 'nothing stale is left to serve');
  assert.equal(book.applySnapshot([{ price: '10.5', qty: '1' }], [{ price: '10.0', qty: '2' }], good), 'ok');
  assert.equal(book.applyUpdate([{ price: '10.55', qty: '1' }], [], good), 'malformed', 'more decimals than the pair allows');
  assert.equal(book.valid, false);
});

test('a crossed book with a matching checksum is refused like a malformed one (the browser refuses it too)', () => {
  const book = new BookState('X/USD', 10, () => ({ price: 1, qty: 8 }));
  assert.equal(book.applySnapshot([{ price: '10.5', qty: '1' }], [{ price: '10.0', qty: '2' }], checksumOf([['10.5', '1.00000000']], [['10.0', '2.00000000']])), 'ok');
  const crossed = checksumOf([['10.5', '1.00000000']], [['10.6', '1.00000000'], ['10.0', '2.00000000']]);
  assert.equal(book.applyUpdate([], [{ price: '10.6', qty: '1' }], crossed), 'malformed');
  assert.equal(book.valid, false);
});

test('updates apply in order, delete on zero and truncate to depth', () => {
  const book = new BookState('X/USD', 2, () => ({ price: 1, qty: 2 }));
  const asks = [{ price: '3.0', qty: '1.00' }, { price: '1.0', qty: '1.00' }, { price: '2.0', qty: '1.00' }];
  assert.equal(book.applySnapshot(asks, [], checksumOf([['1.0', '1.00'], ['2.0', '1.00']], [])), 'ok');
  assert.deepEqual(book.topAsks(5), [['1.0', '1.00'], ['2.0', '1.00']]);
  const update = [{ price: '1.0', qty: '5.00' }, { price: '1.0', qty: '0' }, { price: '2.5', qty: '3.00' }];
  assert.equal(book.applyUpdate(update, [], checksumOf([['2.0', '1.00'], ['2.5', '3.00']], [])), 'ok');
  assert.deepEqual(book.topAsks(5), [['2.0', '1.00'], ['2.5', '3.00']]);
});

test('diffLevels turns two views into the levels a browser must apply', () => {
  const before: [string, string][] = [['1.0', '1'], ['2.0', '1'], ['3.0', '1']];
  const after: [string, string][] = [['1.0', '1'], ['2.0', '4'], ['4.0', '2']];
  assert.deepEqual(diffLevels(before, after, '0'), [['2.0', '4'], ['4.0', '2'], ['3.0', '0']]);
  assert.deepEqual(diffLevels(before, before, '0'), []);
});

/** The expected checksum of a book given as already padded text. */
function checksumOf(asks: [string, string][], bids: [string, string][]): number {
  return bookChecksum(asks.map(([price, qty]) => ({ price, qty })), bids.map(([price, qty]) => ({ price, qty })));
}
