import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { bookChecksum } from '@/lib/kraken/checksum';
import type { BookLevel } from '@/lib/protocol';
import { BookStore, decideAfterApply } from './book-store';
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
  const source = new FakeSource();
  const store = new BookStore(source, 'BTC/USD', 10, clock, 100);
  let renders = 0;
  const off = store.subscribe(() => renders++);
  return { clock, source, store, off, renders: () => renders };
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

  it('applies updates whose checksum matches', () => {
    const { clock, source, store } = setup();
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM));
    const newAsks: BookLevel[] = [['100.0', '0.000'], ['99.5', '0.250']];
    const after = [['99.5', '0.250'] as BookLevel, ...ASKS.slice(1)].slice(0, 10);
    source.emit(frame('update', newAsks, [], bookChecksum(text(after), text(BIDS.slice(0, 10)))));
    clock.advance(100);
    const s = store.getSnapshot();
    assert.equal(s.status, 'live');
    assert.equal(s.data?.asks[0]?.price, '99.5');
    assert.equal(s.data?.spread, '0.5');
    assert.deepEqual(source.resubscribed, []);
  });

  it('on a checksum mismatch discards the book, shows resyncing at once and resubscribes that book', () => {
    const { source, store, renders } = setup();
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM));
    const before = renders();
    source.emit(frame('update', [['100.0', '9.000']], [], 12345));
    assert.equal(renders(), before + 1, 'published without waiting for the throttle');
    const s = store.getSnapshot();
    assert.equal(s.status, 'resyncing');
    assert.equal(s.data, undefined);
    assert.deepEqual(source.resubscribed, [{ channel: 'book', symbol: 'BTC/USD', depth: 10 }]);
    assert.equal(store.resyncs, 1);
    assert.equal(store.lastFailure?.ok, false);
  });

  it('ignores updates while waiting for the fresh snapshot, then goes live again', () => {
    const { clock, source, store } = setup();
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM));
    source.emit(frame('update', [['100.0', '9.000']], [], 1));
    source.emit(frame('update', [['100.0', '8.000']], [], 2));
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
    const { clock, source, store } = setup();
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM));
    clock.advance(100);
    source.setState('stale');
    let s = store.getSnapshot();
    assert.equal(s.status, 'stale');
    assert.equal(s.data?.asks.length, 10);
    source.setState('live');
    assert.equal(store.getSnapshot().status, 'stale', 'live connection but no fresh snapshot yet');
    source.emit(frame('update', [['100.0', '9.000']], [], 1));
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
    const { clock, source, store, renders } = setup();
    source.emit(frame('snapshot', ASKS, BIDS, SNAP_SUM));
    const asks = ASKS.slice(0, 10).map(([p, q]) => [p, q] as BookLevel);
    const start = renders();
    for (let i = 0; i < 500; i++) {
      const qty = `${1 + (i % 7)}.${String(i % 1000).padStart(3, '0')}`;
      asks[0] = ['100.0', qty];
      source.emit(frame('update', [['100.0', qty]], [], bookChecksum(text(asks), text(BIDS.slice(0, 10)))));
      clock.advance(2);
    }
    clock.advance(100);
    const published = renders() - start;
    assert.ok(published >= 9 && published <= 12, `published ${published} times for 500 updates`);
    assert.deepEqual(source.resubscribed, []);
    const s = store.getSnapshot();
    assert.equal(s.status, 'live');
    assert.equal(s.data?.asks[0]?.qty, asks[0]?.[1]);
  });
});

describe('decideAfterApply', () => {
  it('resyncs on anything but ok', () => {
    assert.equal(decideAfterApply({ ok: true }), 'applied');
    assert.equal(decideAfterApply({ ok: false, reason: 'checksum', expected: 1, actual: 2 }), 'resync');
    assert.equal(decideAfterApply({ ok: false, reason: 'crossed', bestBid: '2', bestAsk: '1' }), 'resync');
  });
});
