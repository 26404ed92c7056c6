import { test } from 'node:test';
import assert from 'node:assert/strict';
import { crc32 as zlibCrc32 } from 'node:zlib';
import vectors from './fixtures/test-vectors.json' with { type: 'json' };
import { OrderBook, type BookLevelInput } from './book';
import { parseWireJson } from './wire-json';
import { seededRandom } from './testing/seeded-random';

interface BookData {
  asks: BookLevelInput[];
  bids: BookLevelInput[];
  checksum: number;
}

const replay = vectors.book_replay_v2;

function newBook(depth: number, pricePrecision = 1, qtyPrecision = 8): OrderBook {
  return new OrderBook({ symbol: 'BTC/USD', depth, pricePrecision, qtyPrecision });
}

test('published v2 and v1 checksum vectors verify through a snapshot', () => {
  for (const v of [...vectors.book_checksum_v2, ...vectors.book_checksum_v1]) {
    const book = newBook(10, v.price_precision, v.qty_precision);
    assert.deepEqual(book.applySnapshot(v.asks, v.bids, v.expected), { ok: true }, v.name);
    assert.equal(book.checksum(), v.expected, v.name);
    assert.deepEqual(book.asks(), v.asks, 'asks keep their text');
    assert.deepEqual(book.bids(), v.bids, 'bids keep their text');
  }
});

test('the v2 vector verifies even when trailing zeros were lost on the wire', () => {
  const v = vectors.book_checksum_v2[0];
  assert.ok(v);
  const lossy = (levels: { price: string; qty: string }[]) =>
    levels.map((l) => ({ price: Number(l.price), qty: Number(l.qty) }));
  const book = newBook(10, v.price_precision, v.qty_precision);
  assert.deepEqual(book.applySnapshot(lossy(v.asks), lossy(v.bids), v.expected), { ok: true });
  assert.deepEqual(book.bids(2), v.bids.slice(0, 2));
});

test('captured stream: snapshot and every one of 80 update checksums match', () => {
  const book = newBook(replay.depth, replay.price_precision, replay.qty_precision);
  const snap = replay.snapshot.data[0] as BookData;
  assert.deepEqual(book.applySnapshot(snap.asks, snap.bids, snap.checksum), { ok: true });
  assert.equal(replay.updates.length, 80);
  replay.updates.forEach((message, i) => {
    const u = message.data[0] as BookData;
    assert.deepEqual(book.applyUpdate(u.asks, u.bids, u.checksum), { ok: true }, `update ${i}`);
    assert.ok(book.askCount <= 10 && book.bidCount <= 10);
  });
});

test('captured stream replayed as wire text through parseWireJson also matches', () => {
  const book = newBook(replay.depth, replay.price_precision, replay.qty_precision);
  const frames = [replay.snapshot, ...replay.updates].map((m) => parseWireJson(JSON.stringify(m)) as { data: BookData[] });
  const [first, ...rest] = frames;
  const snap = first?.data[0] as BookData;
  assert.equal(typeof snap.asks[0]?.price, 'string');
  assert.deepEqual(book.applySnapshot(snap.asks, snap.bids, snap.checksum), { ok: true });
  for (const frame of rest) {
    const u = frame.data[0] as BookData;
    assert.deepEqual(book.applyUpdate(u.asks, u.bids, u.checksum), { ok: true });
  }
});

test('without truncation to the subscribed depth the captured stream fails at update 59', () => {
  const book = newBook(1000, replay.price_precision, replay.qty_precision);
  const snap = replay.snapshot.data[0] as BookData;
  assert.equal(book.applySnapshot(snap.asks, snap.bids, snap.checksum).ok, true);
  let firstFailure = -1;
  for (let i = 0; i < replay.updates.length && firstFailure < 0; i++) {
    const u = replay.updates[i]?.data[0] as BookData;
    const result = book.applyUpdate(u.asks, u.bids, u.checksum);
    if (!result.ok) {
      assert.equal(result.reason, 'checksum');
      firstFailure = i;
    }
  }
  assert.equal(firstFailure, 59);
});

test('a wrong checksum is reported with both values', () => {
  const v = vectors.book_checksum_v2[0];
  assert.ok(v);
  const book = newBook(10, 1, 8);
  assert.deepEqual(book.applySnapshot(v.asks, v.bids, 1234), { ok: false, reason: 'checksum', expected: 1234, actual: v.expected });
});

test('a crossed book is reported as crossed even when its checksum matches', () => {
  const book = newBook(10, 1, 2);
  const asks = [{ price: '100.0', qty: '1.00' }];
  const bids = [{ price: '100.5', qty: '2.00' }];
  const checksum = zlibCrc32('10001001005200') >>> 0;
  assert.deepEqual(book.applySnapshot(asks, bids, checksum), { ok: false, reason: 'crossed', bestBid: '100.5', bestAsk: '100.0' });

  const fresh = newBook(10, 1, 2);
  assert.equal(fresh.applySnapshot([{ price: '101', qty: '1' }], [{ price: '99', qty: '1' }]).ok, true);
  const touch = fresh.applyUpdate([], [{ price: '101.0', qty: '3' }]);
  assert.equal(touch.ok ? 'ok' : touch.reason, 'crossed', 'bid equal to ask is crossed');
});

test('malformed levels are reported as invalid, not thrown', () => {
  const book = newBook(10, 1, 2);
  for (const bad of [
    { price: '1.25', qty: '1' },
    { price: 'abc', qty: '1' },
    { price: '-5', qty: '1' },
    { price: '5', qty: '1.001' },
    { price: '5', qty: 'x' },
    { price: Number.NaN, qty: 1 },
  ]) {
    const result = book.applyUpdate([bad], []);
    assert.equal(result.ok ? 'ok' : result.reason, 'invalid', JSON.stringify(bad));
  }
});

test('accessors: best levels, spread as exact text, qty 0 deletes, scientific qty', () => {
  const book = newBook(3, 2, 8);
  book.applySnapshot(
    [{ price: '0.12', qty: '5' }, { price: '0.13', qty: '1' }],
    [{ price: '0.1', qty: 5.1e-5 }, { price: '0.09', qty: '2.5' }],
  );
  assert.deepEqual(book.bestBid(), { price: '0.10', qty: '0.00005100' });
  assert.deepEqual(book.bestAsk(), { price: '0.12', qty: '5.00000000' });
  assert.equal(book.spread(), '0.02');
  book.applyUpdate([{ price: '0.12', qty: 0 }, { price: '0.11', qty: '1e-8' }], []);
  assert.deepEqual(book.bestAsk(), { price: '0.11', qty: '0.00000001' });
  assert.equal(book.spread(), '0.01');
  book.applyUpdate([{ price: '0.14', qty: '1' }, { price: '0.15', qty: '1' }], [{ price: '0.5', qty: '0' }]);
  assert.deepEqual(book.asks().map((l) => l.price), ['0.11', '0.13', '0.14'], 'truncated to depth 3');
  book.clear();
  assert.equal(book.bestBid(), undefined);
  assert.equal(book.spread(), undefined);
  assert.throws(() => newBook(0), RangeError);
});

// --- seeded property test against a naive reference model -------------------------------------------

/** Map keyed by the price's number value, sorted on demand, checksum per the published algorithm. */
class ReferenceBook {
  readonly asks = new Map<number, number>();
  readonly bids = new Map<number, number>();
  constructor(readonly depth: number, readonly pp: number, readonly qp: number) {}

  apply(side: 'asks' | 'bids', price: number, qty: number): void {
    const map = this[side];
    if (qty === 0) map.delete(price);
    else map.set(price, qty);
  }

  sorted(side: 'asks' | 'bids'): [number, number][] {
    const rows = [...this[side].entries()].sort((x, y) => (side === 'asks' ? x[0] - y[0] : y[0] - x[0]));
    return rows;
  }

  truncate(): void {
    for (const side of ['asks', 'bids'] as const) {
      for (const [price] of this.sorted(side).slice(this.depth)) this[side].delete(price);
    }
  }

  checksum(): number {
    const strip = (s: string) => s.replace('.', '').replace(/^0+/, '') || '0';
    let text = '';
    for (const side of ['asks', 'bids'] as const) {
      for (const [p, q] of this.sorted(side).slice(0, 10)) text += strip(p.toFixed(this.pp)) + strip(q.toFixed(this.qp));
    }
    return zlibCrc32(text) >>> 0;
  }
}

test('seeded property test: 200 random sequences × 100 updates agree with the reference model', () => {
  const random = seededRandom(20261125);
  const int = (n: number) => Math.floor(random() * n);
  for (let seq = 0; seq < 200; seq++) {
    const depth = [10, 25, 100][int(3)] as number;
    const pp = [0, 1, 2, 5][int(4)] as number;
    const qp = [0, 4, 8][int(3)] as number;
    const book = newBook(depth, pp, qp);
    const ref = new ReferenceBook(depth, pp, qp);
    const mid = 1000 + int(100000);
    const scale = 10 ** pp;
    const asText = (units: number, decimals: number, asNumber: boolean): string | number => {
      const value = units / 10 ** decimals;
      if (asNumber) return value; // JSON.parse-style: trailing zeros lost, tiny values as 1e-7
      const text = value.toFixed(decimals);
      return random() < 0.5 ? text : String(value);
    };
    const randomLevel = (side: 'asks' | 'bids', deleteExisting: boolean) => {
      const existing = [...ref[side].keys()];
      let priceUnits: number;
      if (existing.length > 0 && random() < 0.5) priceUnits = Math.round((existing[int(existing.length)] as number) * scale);
      else priceUnits = side === 'asks' ? mid + 1 + int(3 * depth) : mid - int(3 * depth);
      const qtyUnits = deleteExisting ? 0 : 1 + int(random() < 0.2 ? 10 : 10 ** (qp + 2));
      const asNumber = random() < 0.3;
      ref.apply(side, priceUnits / scale, qtyUnits / 10 ** qp);
      return { price: asText(priceUnits, pp, asNumber), qty: asText(qtyUnits, qp, asNumber) };
    };
    const message = (size: number) => {
      const asks: BookLevelInput[] = [];
      const bids: BookLevelInput[] = [];
      for (let k = 0; k < size; k++) {
        const side = random() < 0.5 ? 'asks' : 'bids';
        (side === 'asks' ? asks : bids).push(randomLevel(side, random() < 0.3));
      }
      ref.truncate();
      return { asks, bids, checksum: ref.checksum() };
    };
    const snap = message(depth);
    assert.deepEqual(book.applySnapshot(snap.asks, snap.bids, snap.checksum), { ok: true }, `seq ${seq} snapshot`);
    for (let u = 0; u < 100; u++) {
      const m = message(1 + int(6));
      const result = book.applyUpdate(m.asks, m.bids, m.checksum);
      assert.deepEqual(result, { ok: true }, `seq ${seq} update ${u}`);
      assert.equal(book.checksum(), ref.checksum());
    }
    const refAsks = ref.sorted('asks').map(([p, q]) => ({ price: p.toFixed(pp), qty: q.toFixed(qp) }));
    assert.deepEqual(book.asks(), refAsks, `seq ${seq} final asks`);
    assert.equal(book.bidCount, ref.bids.size);
  }
});
