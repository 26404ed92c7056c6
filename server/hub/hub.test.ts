import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { CLOSE_CODES } from '../../lib/protocol';
import { createHub, type Hub, type HubOptions } from './hub';
import { FakeSink, FakeUpstream } from './testing/fakes';
import { ModelBook, UpstreamBookSim } from './testing/book-model';

const BTC10 = { channel: 'book', symbol: 'BTC/USD', depth: 10 } as const;

function setup(opts: Partial<HubOptions> = {}) {
  const upstream = new FakeUpstream();
  const hub = createHub({ upstream, lingerMs: 1000, ...opts });
  upstream.setState('live');
  return { upstream, hub };
}

function bookFrames(sink: FakeSink, symbol = 'BTC/USD') {
  return sink.messages().filter((m) => m.channel === 'book' && m.symbol === symbol);
}

test('subscriptions are ref-counted: one upstream subscribe, unsubscribe only after the last browser and the linger', (t) => {
  mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  t.after(() => mock.timers.reset());
  // no snapshot is ever sent here: keep the snapshot watchdog (hub-snapshot-watchdog.test.ts) out of the count
  const { upstream, hub } = setup({ snapshotTimeoutMs: 3_600_000 });
  const a = hub.connect(new FakeSink());
  const b = hub.connect(new FakeSink());
  a.subscribe(BTC10);
  b.subscribe(BTC10);
  b.subscribe(BTC10);
  assert.deepEqual(upstream.calls, ['sub book:BTC/USD:10']);
  a.close();
  mock.timers.tick(5000);
  assert.deepEqual(upstream.calls, ['sub book:BTC/USD:10'], 'one browser still subscribed');
  b.unsubscribe(BTC10);
  mock.timers.tick(500);
  const c = hub.connect(new FakeSink());
  c.subscribe(BTC10);
  mock.timers.tick(5000);
  assert.deepEqual(upstream.calls, ['sub book:BTC/USD:10'], 'rejoining within the linger keeps the upstream subscription');
  c.close();
  mock.timers.tick(999);
  assert.equal(upstream.wanted.size, 1);
  mock.timers.tick(1);
  assert.deepEqual(upstream.calls, ['sub book:BTC/USD:10', 'unsub book:BTC/USD:10']);
  assert.deepEqual(hub.stats().feeds, []);
});

test('a browser joining later gets the server-side book at once, checksum intact, without a new upstream subscription', () => {
  const { upstream, hub } = setup();
  const sim = new UpstreamBookSim('BTC/USD', 10);
  hub.connect(new FakeSink()).subscribe(BTC10);
  upstream.emit(sim.snapshot());
  upstream.emit(sim.update([['100.5', '0.00000000']], [['99.5', '3.00000000']]));
  const late = new FakeSink();
  hub.connect(late).subscribe(BTC10);
  const [snap] = bookFrames(late);
  assert.equal(snap?.type, 'snapshot');
  const data = snap?.data as { asks: [string, string][]; bids: [string, string][]; checksum: number };
  const model = new ModelBook(10);
  model.apply(data.asks, data.bids);
  assert.equal(model.checksum(), sim.model.checksum());
  assert.equal(data.checksum, sim.model.checksum());
  assert.deepEqual(upstream.calls, ['sub book:BTC/USD:10']);
  hub.close();
});

test('each outgoing frame is serialised once: every subscriber receives the same Buffer object', () => {
  const { upstream, hub } = setup();
  const sim = new UpstreamBookSim('BTC/USD', 10);
  const sinks = [new FakeSink(), new FakeSink(), new FakeSink()];
  for (const s of sinks) hub.connect(s).subscribe(BTC10);
  upstream.emit(sim.snapshot());
  upstream.emit(sim.update([['100.5', '4.00000000']], []));
  const last = sinks.map((s) => s.frames[s.frames.length - 1]);
  const snaps = sinks.map((s) => s.frames[s.frames.length - 2]);
  assert.ok(last[0] && last[0] === last[1] && last[1] === last[2]);
  assert.ok(snaps[0] && snaps[0] === snaps[1] && snaps[1] === snaps[2]);
  assert.equal(JSON.parse(last[0].toString()).type, 'update');
  hub.close();
});

test('smaller depths are served from one deeper upstream book with checksums a browser can verify', () => {
  const { upstream, hub } = setup();
  const shallow = new FakeSink();
  const deep = new FakeSink();
  hub.connect(shallow).subscribe(BTC10);
  hub.connect(deep).subscribe({ channel: 'book', symbol: 'BTC/USD', depth: 25 });
  assert.deepEqual(upstream.calls, ['sub book:BTC/USD:10', 'unsub book:BTC/USD:10', 'sub book:BTC/USD:25']);
  const sim = new UpstreamBookSim('BTC/USD', 25);
  upstream.emit(sim.snapshot());
  // deletes inside the top 10 pull deeper levels into the shallow view; Kraken sends no level for them
  upstream.emit(sim.update([['100.5', '0'], ['101.5', '0']], [['99.5', '0']]));
  upstream.emit(sim.update([['100.7', '1.50000000']], [['95.5', '9.00000000']]));
  for (const [sink, depth] of [[shallow, 10], [deep, 25]] as const) {
    const model = new ModelBook(depth);
    const frames = bookFrames(sink);
    assert.ok(frames.length >= 2, `depth ${depth} got ${frames.length} frames`);
    for (const f of frames) {
      const data = f.data as { asks: [string, string][]; bids: [string, string][]; checksum: number };
      if (f.type === 'snapshot') {
        model.asks.clear();
        model.bids.clear();
      }
      model.apply(data.asks, data.bids);
      assert.equal(model.checksum(), data.checksum, `depth ${depth} ${f.type}`);
      assert.equal(f.depth, depth);
    }
    assert.deepEqual(model.sorted('asks'), sim.model.sorted('asks').slice(0, depth));
  }
  hub.close();
});

test('a slow browser is conflated above the soft cap, then resumes with a fresh snapshot once drained', (t) => {
  mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  t.after(() => mock.timers.reset());
  const { upstream, hub } = setup({ limits: { softCapBytes: 1000, lowWaterBytes: 100, hardCapBytes: 100_000 }, drainCheckMs: 50 });
  const sim = new UpstreamBookSim('BTC/USD', 10);
  const fast = new FakeSink();
  const slow = new FakeSink();
  hub.connect(fast).subscribe(BTC10);
  hub.connect(slow).subscribe(BTC10);
  upstream.emit(sim.snapshot());
  slow.buffered = 5000;
  slow.clear();
  fast.clear();
  for (let i = 0; i < 20; i++) upstream.emit(sim.update([['100.5', `${i + 1}.00000000`]], []));
  assert.equal(bookFrames(fast).length, 20, 'the healthy browser got every update');
  assert.equal(slow.frames.length, 0, 'the slow browser got nothing while above the soft cap');
  assert.equal(hub.stats().conflated, 1);
  slow.buffered = 0;
  mock.timers.tick(50);
  const [snap, ...rest] = bookFrames(slow);
  assert.equal(snap?.type, 'snapshot');
  assert.equal((snap?.data as { checksum: number }).checksum, sim.model.checksum());
  assert.equal(rest.length, 0);
  upstream.emit(sim.update([['100.5', '99.00000000']], []));
  assert.equal(bookFrames(slow).at(-1)?.type, 'update', 'updates resume after the snapshot');
  hub.close();
});

test('a browser above the hard cap is closed with tooSlow and detached; the others keep receiving', () => {
  const { upstream, hub } = setup({ limits: { softCapBytes: 1000, lowWaterBytes: 100, hardCapBytes: 4000 } });
  const sim = new UpstreamBookSim('BTC/USD', 10);
  const fast = new FakeSink();
  const stuck = new FakeSink();
  hub.connect(fast).subscribe(BTC10);
  hub.connect(stuck).subscribe({ channel: 'trade', symbol: 'BTC/USD' });
  stuck.stalled = true;
  upstream.emit(sim.snapshot());
  for (let i = 0; i < 200 && !stuck.closedWith; i++) {
    upstream.emit({ channel: 'trade', type: 'update', symbol: 'BTC/USD', trades: [{ id: i, price: '100.0', qty: '1.00000000', side: 'buy', time: i }] });
  }
  assert.deepEqual(stuck.closedWith, { code: CLOSE_CODES.tooSlow, reason: 'too slow' });
  assert.ok(stuck.buffered <= 4000 + 200, `buffered ${stuck.buffered}`);
  const sentBefore = stuck.frames.length;
  upstream.emit(sim.update([['100.5', '7.00000000']], []));
  assert.equal(stuck.frames.length, sentBefore, 'nothing more is queued for a closed browser');
  assert.equal(bookFrames(fast).at(-1)?.type, 'update');
  assert.equal(hub.stats().closedTooSlow, 1);
  assert.equal(hub.stats().connections, 1);
  hub.close();
});

function statuses(sink: FakeSink) {
  return sink.messages().filter((m) => m.type === 'status').map((m) => (m.symbol ? `${m.feed}:${m.symbol}` : m.feed));
}

test('upstream loss: stale at once, then resyncing, then live and fresh snapshots; the old book is never served', (t) => {
  mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  t.after(() => mock.timers.reset());
  const upstream = new FakeUpstream();
  const hub: Hub = createHub({ upstream });
  const sink = new FakeSink();
  hub.connect(sink).subscribe(BTC10);
  upstream.setState('live');
  const sim = new UpstreamBookSim('BTC/USD', 10);
  upstream.emit(sim.snapshot());
  assert.deepEqual(statuses(sink), ['connecting', 'live']);
  // the socket drops without a watchdog warning: stale must still come first, in the same tick
  upstream.setState('connecting');
  assert.deepEqual(statuses(sink), ['connecting', 'live', 'stale', 'resyncing']);
  const joiner = new FakeSink();
  hub.connect(joiner).subscribe(BTC10);
  assert.deepEqual(statuses(joiner), ['resyncing']);
  assert.equal(bookFrames(joiner).length, 0, 'no pre-disconnect book for a browser joining during the outage');
  upstream.emit(sim.update([['100.5', '5.00000000']], []));
  assert.equal(bookFrames(sink).length, 1, 'updates without a fresh snapshot are ignored');
  mock.timers.tick(3000);
  upstream.setState('live');
  upstream.emit(sim.snapshot());
  assert.deepEqual(statuses(sink).slice(-1), ['live']);
  assert.equal(bookFrames(joiner)[0]?.type, 'snapshot');
  assert.equal(bookFrames(sink).at(-1)?.type, 'snapshot');
  // watchdog path: live → stale → resyncing → live
  upstream.setState('stale');
  upstream.setState('resyncing');
  upstream.setState('live');
  assert.deepEqual(statuses(joiner), ['resyncing', 'live', 'stale', 'resyncing', 'live']);
  hub.close();
});

test('a checksum mismatch resyncs that symbol only', () => {
  const { upstream, hub } = setup();
  const btc = new UpstreamBookSim('BTC/USD', 10);
  const eth = new UpstreamBookSim('ETH/USD', 10, 50);
  const a = new FakeSink();
  const b = new FakeSink();
  hub.connect(a).subscribe(BTC10);
  hub.connect(b).subscribe({ channel: 'book', symbol: 'ETH/USD', depth: 10 });
  upstream.emit(btc.snapshot());
  upstream.emit(eth.snapshot());
  const bad = eth.update([['50.5', '3.00000000']], []);
  upstream.emit({ ...bad, checksum: bad.checksum ^ 1 });
  assert.deepEqual(upstream.calls.filter((c) => c.startsWith('resub')), ['resub book:ETH/USD:10']);
  assert.deepEqual(statuses(b), ['live', 'resyncing:ETH/USD']);
  assert.deepEqual(statuses(a), ['live']);
  upstream.emit(btc.update([['100.5', '8.00000000']], []));
  assert.equal(bookFrames(a).at(-1)?.type, 'update', 'the other symbol keeps flowing');
  upstream.emit(eth.snapshot());
  assert.deepEqual(statuses(b), ['live', 'resyncing:ETH/USD', 'live:ETH/USD']);
  assert.equal(bookFrames(b, 'ETH/USD').at(-1)?.type, 'snapshot');
  assert.equal(hub.stats().resyncs, 1);
  hub.close();
});

test('a crossed book (checksum intact) is never served: that symbol resyncs, as the browser book would', () => {
  const { upstream, hub } = setup();
  const btc = new UpstreamBookSim('BTC/USD', 10);
  const a = new FakeSink();
  hub.connect(a).subscribe(BTC10);
  upstream.emit(btc.snapshot());
  upstream.emit(btc.update([], [['150.0', '1.00000000']]));
  assert.deepEqual(upstream.calls.filter((c) => c.startsWith('resub')), ['resub book:BTC/USD:10']);
  assert.deepEqual(statuses(a), ['live', 'resyncing:BTC/USD']);
  assert.equal(hub.bookView('BTC/USD', 10), undefined);
  assert.ok(bookFrames(a).every((m) => m.type === 'snapshot'), 'no update carried the crossed level');
  hub.close();
});

test('a symbol whose checksum keeps failing is resubscribed with growing pauses, not in a tight loop', (t) => {
  mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  t.after(() => mock.timers.reset());
  let clock = 1_000_000;
  const { upstream, hub } = setup({ now: () => clock });
  hub.connect(new FakeSink()).subscribe(BTC10);
  const sim = new UpstreamBookSim('BTC/USD', 10);
  const bad = () => upstream.emit({ ...sim.snapshot(), checksum: 1 });
  const resubs = () => upstream.calls.filter((c) => c.startsWith('resub')).length;
  for (let i = 0; i < 3; i++) bad();
  assert.equal(resubs(), 3, 'the first three go out at once');
  bad();
  assert.equal(resubs(), 3, 'the fourth waits');
  bad();
  assert.equal(resubs(), 3, 'failures while one is pending do not queue more');
  mock.timers.tick(499);
  assert.equal(resubs(), 3);
  mock.timers.tick(1);
  assert.equal(resubs(), 4);
  clock += 60_000;
  bad();
  assert.equal(resubs(), 5, 'after a quiet spell resyncs are immediate again');
  upstream.emit(sim.snapshot());
  assert.equal(hub.stats().resyncs, 6);
  hub.close();
});

test('a quiet but open upstream (stale → live on the same socket) keeps its book and resumes without a resync', () => {
  const { upstream, hub } = setup();
  const sim = new UpstreamBookSim('BTC/USD', 10);
  const sink = new FakeSink();
  hub.connect(sink).subscribe(BTC10);
  upstream.emit(sim.snapshot());
  upstream.setState('stale');
  assert.deepEqual(statuses(sink), ['live', 'stale']);
  upstream.setState('live');
  upstream.emit(sim.update([['100.5', '6.00000000']], []));
  assert.equal(bookFrames(sink).at(-1)?.type, 'update', 'updates apply to the kept book');
  assert.deepEqual(statuses(sink), ['live', 'stale', 'live']);
  assert.deepEqual(upstream.calls, ['sub book:BTC/USD:10']);
  hub.close();
});

test('bookView exposes the live book for previews, and nothing while it cannot be trusted', () => {
  const { upstream, hub } = setup();
  assert.equal(hub.bookView('BTC/USD'), undefined, 'nobody watches it');
  hub.connect(new FakeSink()).subscribe(BTC10);
  const sim = new UpstreamBookSim('BTC/USD', 10);
  upstream.emit(sim.snapshot());
  const view = hub.bookView('BTC/USD', 2);
  assert.deepEqual(view?.asks, sim.model.sorted('asks').slice(0, 2));
  assert.deepEqual(view?.bids, sim.model.sorted('bids').slice(0, 2));
  assert.equal(view?.checksum, sim.model.checksum());
  assert.equal(hub.bookView('BTC/USD', 500), undefined, 'a book kept at depth 10 cannot answer for 500 levels');
  upstream.setState('stale');
  assert.equal(hub.bookView('BTC/USD'), undefined, 'not while the upstream is stale');
  upstream.setState('live');
  upstream.emit({ ...sim.update([['100.5', '2.00000000']], []), checksum: 1 });
  assert.equal(hub.bookView('BTC/USD'), undefined, 'not while the symbol resyncs');
  hub.close();
});
