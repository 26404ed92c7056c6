import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bookChecksum } from '@/lib/kraken/checksum';
import type { BookLevel } from '@/lib/protocol';
import { OrderBook } from '@/lib/kraken/book';
import { BookStore, applyBatch, decideAfterApply } from './book-store';
import { FakeFrames } from './testing/fakes';
import { FakeClock } from '@/lib/kraken/ws-test-fakes';
import { FakeSource } from './testing/fake-source';

const text = (levels: BookLevel[]) => levels.map(([price, qty]) => ({ price, qty }));

function asksFrom(start: number, n: number): BookLevel[] {
  return Array.from({ length: n }, (_, i) => [(start + i).toFixed(1), `${i + 1}.000`] as BookLevel);
}
function bidsFrom(start: number, n: number): BookLevel[] {
  return Array.from({ length: n }, (_, i) => [(start - i).toFixed(1), `${i + 2}.500`] as BookLevel);
}

function frame(type: 'snapshot' | 'update', asks: BookLevel[], bids: BookLevel[], checksum: number) {
  return {
    type, channel: 'book' as const, symbol: 'BTC/USD', depth: 10 as const,
    data: { asks, bids, checksum, pricePrecision: 1, qtyPrecision: 3 },
  };
}

function setup() {
  const clock = new FakeClock();
  const frames = new FakeFrames();
  const source = new FakeSource();
  const store = new BookStore(source, 'BTC/USD', 10, clock, 100, frames.schedule);
  let renders = 0;
  const off = store.subscribe(() => renders++);
  return { clock, frames, source, store, off, renders: () => renders };
}

const ASKS = asksFrom(100, 12);
const BIDS = bidsFrom(99, 12);
const SNAP_SUM = bookChecksum(text(ASKS.slice(0, 10)), text(BIDS.slice(0, 10)));

describe('BookStore', () => {
  it('applies a verified snapshot, truncated to depth, and publishes it throttled', () => {
    const { clock, source, store } = setup();
    assert.equal(store.getSnapshot().status, 'loading');
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM));
    assert.equal(store.getSnapshot().status, 'loading', 'not published before the throttle window');
    clock.advance(100);
    const s = store.getSnapshot();
    assert.equal(s.status, 'live');
    assert.equal(s.data?.asks.length, 10);
    assert.equal(s.data?.bids[0]?.price, '99.0');
    assert.equal(s.data?.asks[0]?.price, '100.0');
    assert.equal(s.data?.spread, '1.0');
    assert.equal(s.data?.checksum, SNAP_SUM);
  });

  it('applies updates whose checksum matches at the next frame', () => {
    const { clock, frames, source, store } = setup();
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM));
    clock.advance(100);
    const newAsks: BookLevel[] = [['100.0', '0.000'], ['99.5', '0.250']];
    const after = [['99.5', '0.250'] as BookLevel, ...ASKS.slice(1)].slice(0, 10);
    source.emit(frame('update', newAsks, [], bookChecksum(text(after), text(BIDS.slice(0, 10)))));
    clock.advance(100);
    assert.equal(store.getSnapshot().data?.asks[0]?.price, '100.0', 'queued until the frame');
    frames.step();
    clock.advance(100);
    const s = store.getSnapshot();
    assert.equal(s.status, 'live');
    assert.equal(s.data?.asks[0]?.price, '99.5');
    assert.equal(s.data?.spread, '0.5');
    assert.deepEqual(source.resubscribed, []);
  });

  it('on a checksum mismatch discards the book, shows resyncing at once and resubscribes that book', () => {
    const { frames, source, store, renders } = setup();
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM));
    const before = renders();
    source.emit(frame('update', [['100.0', '9.000']], [], 12345));
    frames.step();
    assert.equal(renders(), before + 1, 'published at that frame without waiting for the throttle');
    const s = store.getSnapshot();
    assert.equal(s.status, 'resyncing');
    assert.equal(s.data, undefined);
    assert.deepEqual(source.resubscribed, [{ channel: 'book', symbol: 'BTC/USD', depth: 10 }]);
    assert.equal(store.resyncs, 1);
    assert.equal(store.lastFailure?.ok, false);
  });

  it('ignores updates while waiting for the fresh snapshot, then goes live again', () => {
    const { clock, frames, source, store } = setup();
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM));
    source.emit(frame('update', [['100.0', '9.000']], [], 1));
    frames.step();
    source.emit(frame('update', [['100.0', '8.000']], [], 2));
    frames.step();
    assert.equal(source.resubscribed.length, 1, 'updates after a mismatch are not judged again');
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM));
    const s = store.getSnapshot();
    assert.equal(s.status, 'live');
    assert.equal(s.data?.resyncs, 1);
    clock.advance(1000);
    assert.equal(store.getSnapshot().status, 'live');
  });

  it('treats a bad snapshot like a mismatch', () => {
    const { source, store } = setup();
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM + 1));
    assert.equal(store.getSnapshot().status, 'resyncing');
    assert.equal(source.resubscribed.length, 1);
  });

  it('shows the hub’s own per-symbol resync', () => {
    const { source, store } = setup();
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM));
    source.emit({ type: 'status', feed: 'resyncing', symbol: 'BTC/USD' });
    assert.equal(store.getSnapshot().status, 'resyncing');
    assert.equal(source.resubscribed.length, 0, 'the hub is already rebuilding it');
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM));
    assert.equal(store.getSnapshot().status, 'live');
    assert.equal(store.getSnapshot().data?.resyncs, 1);
  });

  it('keeps the old book but marks it stale while the connection is lost, until a new snapshot', () => {
    const { clock, frames, source, store } = setup();
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM));
    clock.advance(100);
    source.setState('stale');
    let s = store.getSnapshot();
    assert.equal(s.status, 'stale');
    assert.equal(s.data?.asks.length, 10);
    source.setState('live');
    assert.equal(store.getSnapshot().status, 'stale', 'live connection but no fresh snapshot yet');
    source.emit(frame('update', [['100.0', '9.000']], [], 1));
    frames.step();
    assert.equal(source.resubscribed.length, 0, 'updates for the old book are ignored, not judged');
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM));
    clock.advance(100);
    s = store.getSnapshot();
    assert.equal(s.status, 'live');
  });

  it('holds one feed subscription while listened to and forgets the book after the last listener', () => {
    const { source, store, off } = setup();
    const off2 = store.subscribe(() => undefined);
    assert.equal(source.subscribeCalls, 1);
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM));
    off();
    assert.equal(source.listeners.size, 1);
    off2();
    assert.equal(source.listeners.size, 0);
    assert.equal(store.getSnapshot().status, 'loading');
  });
});

describe('BookStore under load', () => {
  it('applies 500 verified updates in one second but publishes to React about ten times', () => {
    const { clock, frames, source, store, renders } = setup();
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM));
    const asks = ASKS.slice(0, 10).map(([p, q]) => [p, q] as BookLevel);
    const start = renders();
    for (let i = 0; i < 500; i++) {
      const qty = `${1 + (i % 7)}.${String(i % 1000).padStart(3, '0')}`;
      asks[0] = ['100.0', qty];
      source.emit(frame('update', [['100.0', qty]], [], bookChecksum(text(asks), text(BIDS.slice(0, 10)))));
      // about 8 updates a frame at 60 frames a second
      if (i % 8 === 7) frames.step();
      clock.advance(2);
    }
    frames.step();
    clock.advance(100);
    const published = renders() - start;
    assert.ok(published >= 9 && published <= 12, `published ${published} times for 500 updates`);
    assert.deepEqual(source.resubscribed, []);
    const s = store.getSnapshot();
    assert.equal(s.status, 'live');
    assert.equal(s.data?.asks[0]?.qty, asks[0]?.[1]);
  });
});

describe('BookStore batches', () => {
  const after = (asks: BookLevel[]) => bookChecksum(text(asks.slice(0, 10)), text(BIDS.slice(0, 10)));
  const withTop = (qty: string): BookLevel[] => [['100.0', qty], ...ASKS.slice(1)];

  it('applies every update queued in a frame, in order, and keeps the last one’s checksum', () => {
    const { clock, frames, source, store } = setup();
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM));
    source.emit(frame('update', [['100.0', '7.000']], [], after(withTop('7.000'))));
    source.emit(frame('update', [['100.0', '0.000'], ['99.5', '0.250']], [], 1 /* not this state's: skipped mid-batch */));
    source.emit(frame('update', [['99.5', '0.500']], [], after([['99.5', '0.500'], ...ASKS.slice(1)])));
    assert.equal(frames.pending, 1, 'one frame for the whole batch');
    frames.step();
    clock.advance(100);
    const s = store.getSnapshot();
    assert.equal(s.status, 'live');
    assert.equal(s.data?.asks[0]?.price, '99.5');
    assert.equal(s.data?.asks[0]?.qty, '0.500');
    assert.equal(s.data?.checksum, after([['99.5', '0.500'], ...ASKS.slice(1)]));
    assert.deepEqual(source.resubscribed, []);
  });

  it('a level an earlier update of the batch got wrong shows in the final checksum: the book is rebuilt', () => {
    const { frames, source, store } = setup();
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM));
    // the hub meant 7.000 at 100.0 (its checksum says so) but the frame carried 6.000
    source.emit(frame('update', [['100.0', '6.000']], [], after(withTop('7.000'))));
    // a later update elsewhere in the top 10; its checksum is of the true book, with 7.000 at 100.0
    const truth: BookLevel[] = [['100.0', '7.000'], ['101.0', '4.000'], ...ASKS.slice(2)];
    source.emit(frame('update', [['101.0', '4.000']], [], after(truth)));
    frames.step();
    assert.equal(store.getSnapshot().status, 'resyncing');
    assert.equal(store.lastFailure?.ok === false && store.lastFailure.reason, 'checksum');
    assert.deepEqual(source.resubscribed, [{ channel: 'book', symbol: 'BTC/USD', depth: 10 }]);
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM));
    assert.equal(store.getSnapshot().status, 'live', 'verified again after the fresh snapshot');
  });

  it('a wrong level that a later update of the batch overwrites leaves a right book: nothing to rebuild', () => {
    const { frames, source, store } = setup();
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM));
    source.emit(frame('update', [['100.0', '6.000']], [], after(withTop('7.000'))));
    source.emit(frame('update', [['100.0', '5.000']], [], after(withTop('5.000'))));
    frames.step();
    assert.deepEqual(source.resubscribed, []);
    assert.equal(store.resyncs, 0);
  });

  it('a crossed update in the middle of a batch is refused', () => {
    const { frames, source, store } = setup();
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM));
    source.emit(frame('update', [], [['100.5', '1.000']], 1));
    source.emit(frame('update', [], [['100.5', '0.000']], SNAP_SUM));
    frames.step();
    assert.equal(store.getSnapshot().status, 'resyncing');
    assert.equal(store.lastFailure?.ok === false && store.lastFailure.reason, 'crossed');
  });

  it('a snapshot drops the updates queued before it, and a lost connection drops the queue', () => {
    const { frames, source, store } = setup();
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM));
    source.emit(frame('update', [['100.0', '9.000']], [], 12345));
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM));
    assert.equal(frames.pending, 0);
    frames.step();
    assert.equal(store.resyncs, 0);
    source.emit(frame('update', [['100.0', '9.000']], [], 12345));
    source.setState('stale');
    frames.step();
    assert.equal(store.resyncs, 0, 'updates of a book from before the loss are not judged');
    assert.equal(store.getSnapshot().data?.asks[0]?.qty, '1.000');
  });
});

describe('applyBatch', () => {
  it('verifies only the last update’s checksum and truncates after every update', () => {
    const book = new OrderBook({ symbol: 'BTC/USD', depth: 10, pricePrecision: 1, qtyPrecision: 3 });
    book.applySnapshot(text(ASKS), text(BIDS));
    const data = (asks: BookLevel[], checksum: number) => ({ asks, bids: [] as BookLevel[], checksum, pricePrecision: 1, qtyPrecision: 3 });
    // a level inserted at the front pushes 109.0 out at depth 10; deleting it again must not bring 109.0 back
    assert.deepEqual(applyBatch(book, [data([['99.5', '1.000']], 0), data([['99.5', '0.000']], bookChecksum(text(ASKS.slice(0, 9)), text(BIDS.slice(0, 10))))]), { ok: true });
    assert.equal(book.askCount, 9);
    assert.deepEqual(applyBatch(book, [data([['100.0', '2.000']], 7)]), { ok: false, reason: 'checksum', expected: 7, actual: book.checksum() });
  });
});

describe('decideAfterApply', () => {
  it('resyncs on anything but ok', () => {
    assert.equal(decideAfterApply({ ok: true }), 'applied');
    assert.equal(decideAfterApply({ ok: false, reason: 'checksum', expected: 1, actual: 2 }), 'resync');
    assert.equal(decideAfterApply({ ok: false, reason: 'crossed', bestBid: '2', bestAsk: '1' }), 'resync');
  });
});
