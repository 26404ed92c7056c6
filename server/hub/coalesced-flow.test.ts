import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../lib/kraken/ws-test-fakes';
import { CLOSE_CODES, splitFrames } from '../../lib/protocol';
import { coalescingSink, joinFrames } from './coalescer';
import type { Frame } from './frames';
import { createHub } from './hub';
import { FakeSink, FakeUpstream } from './testing/fakes';
import { UpstreamBookSim } from './testing/book-model';

/** The hub's flow control through a coalescing sink, on a hand-driven clock (the transport is a recorder). */

const BTC10 = { channel: 'book', symbol: 'BTC/USD', depth: 10 } as const;
const MEMBER = 5;

function setup(limits?: { softCapBytes: number; lowWaterBytes: number; hardCapBytes: number }) {
  const upstream = new FakeUpstream();
  const hub = createHub({ upstream, lingerMs: 1000, ...(limits ? { limits } : {}) });
  upstream.setState('live');
  const clock = new FakeClock();
  /** what reached the transport: each message's bytes, and the close */
  const wire: Array<{ message: string } | { close: number }> = [];
  const sink = coalescingSink(
    {
      memberId: MEMBER,
      write: (frames: readonly Frame[]) => void wire.push({ message: joinFrames(frames).toString('latin1') }),
      bufferedBytes: () => 0,
      close: (code) => void wire.push({ close: code }),
    },
    16,
    clock,
  );
  const messages = () => wire.flatMap((w) => ('message' in w ? [w.message] : []));
  const frames = () => messages().flatMap(splitFrames);
  return { upstream, hub, clock, sink, wire, messages, frames, sim: new UpstreamBookSim('BTC/USD', 10) };
}

const parsed = (frames: string[]) => frames.map((f) => JSON.parse(f) as { type: string; channel?: string; data?: { checksum: number } });

test('coalesced, a browser gets the same frames in the same order as unbatched, in one message per window', () => {
  const { upstream, hub, clock, sink, messages, frames, sim } = setup();
  const plain = new FakeSink();
  hub.connect(plain).subscribe(BTC10);
  hub.connect(sink).subscribe(BTC10);
  upstream.emit(sim.snapshot());
  // 500 updates a second for 200 ms
  for (let i = 0; i < 100; i++) {
    clock.advance(2);
    upstream.emit(sim.update([['100.5', `${i + 1}.00000000`]], [['99.5', `${(i % 7) + 1}.00000000`]]));
  }
  clock.advance(16);
  assert.deepEqual(frames(), plain.frames.map((f) => f.toString('latin1')), 'the same frames, byte for byte, in order');
  assert.ok(messages().length <= 14, `${messages().length} messages for 200 ms of frames: at most one per 16 ms window`);
  const books = parsed(frames()).filter((m) => m.channel === 'book');
  assert.equal(books[0]?.type, 'snapshot', 'the snapshot comes before its updates');
  assert.equal(books.at(-1)?.data?.checksum, sim.model.checksum());
  void hub.close();
});

test('acks count the frames\' bytes, batched or not: exactly what was sent is accepted, one byte more is refused', () => {
  const { upstream, hub, clock, sink, messages, frames, sim } = setup();
  const conn = hub.connect(sink);
  conn.subscribe(BTC10);
  assert.equal(conn.ack(0), true);
  upstream.emit(sim.snapshot());
  for (let i = 0; i < 20; i++) upstream.emit(sim.update([['100.5', `${i + 1}.00000000`]], []));
  clock.advance(16);
  assert.ok(messages().length < frames().length, 'several frames shared a message');
  const frameBytes = frames().reduce((n, f) => n + f.length, 0);
  const wireBytes = messages().reduce((n, m) => n + m.length, 0);
  assert.equal(wireBytes - frameBytes, frames().length - messages().length, 'the wire adds one separator between frames, nothing else');
  assert.equal(conn.ack(frameBytes + 1), false, 'separators are not counted: the hub sent no more than the frames');
  assert.equal(conn.ack(frameBytes), true, 'the browser that handled every frame acknowledges exactly their bytes');
  assert.equal(hub.stats().backlogMax, 0, 'nothing left unacknowledged');
  void hub.close();
});

test('frames waiting for their window count as backlog: a browser that does not ack is conflated by them, then resynced by snapshot in order', () => {
  const limits = { softCapBytes: 2000, lowWaterBytes: 500, hardCapBytes: 20_000 };
  const { upstream, hub, clock, sink, frames, sim } = setup(limits);
  hub.connect(sink).subscribe(BTC10);
  upstream.emit(sim.snapshot());
  // all within one window: nothing reaches the transport, yet the hub sees the bytes queued
  for (let i = 0; i < 60; i++) upstream.emit(sim.update([['100.5', `${i + 1}.00000000`]], []));
  const stats = hub.stats();
  assert.equal(stats.conflated, 1, 'past the soft cap the waiting updates stop: the browser owes a snapshot');
  assert.ok(stats.bufferedMax > limits.softCapBytes && stats.bufferedMax < limits.softCapBytes + 400, `${stats.bufferedMax} bytes queued, then held back`);
  clock.advance(16);
  assert.equal(hub.stats().bufferedMax, 0, 'written: nothing waits');
  upstream.emit(sim.update([['100.5', '99.00000000']], []));
  clock.advance(16);
  const books = parsed(frames()).filter((m) => m.channel === 'book');
  const resync = books.findLastIndex((m) => m.type === 'snapshot');
  assert.ok(resync > 0, 'once drained, the next update brings the owed snapshot');
  assert.equal(books.length, resync + 1, 'nothing after the fresh snapshot: the stale update it replaces is dropped');
  assert.equal(books[resync]?.data?.checksum, sim.model.checksum(), 'the fresh snapshot is the current book');
  void hub.close();
});

test('a close writes what waits first, then closes; a transport gone drops what waits', () => {
  const a = setup();
  a.hub.connect(a.sink).subscribe(BTC10);
  a.upstream.emit(a.sim.snapshot());
  for (let i = 0; i < 5; i++) a.upstream.emit(a.sim.update([['100.5', `${i + 1}.00000000`]], []));
  assert.equal(a.hub.disconnectMember(MEMBER), 1);
  assert.deepEqual(a.wire.map((w) => ('close' in w ? w.close : 'message')), ['message', 'message', CLOSE_CODES.unauthorized], 'the waiting updates go out before the close');
  assert.deepEqual(parsed(a.frames()).map((m) => m.type), ['status', 'snapshot', 'update', 'update', 'update', 'update', 'update'], 'all of them, in order');
  a.clock.advance(100);
  assert.equal(a.wire.length, 3, 'nothing after the close');
  void a.hub.close();

  const b = setup();
  b.hub.connect(b.sink).subscribe(BTC10);
  b.upstream.emit(b.sim.snapshot());
  b.clock.advance(16);
  b.upstream.emit(b.sim.update([['100.5', '1.00000000']], []));
  b.upstream.emit(b.sim.update([['100.5', '1.50000000']], []));
  assert.ok(b.sink.bufferedBytes() > 0, 'an update waits for its window');
  b.sink.stop();
  b.upstream.emit(b.sim.update([['100.5', '2.00000000']], []));
  b.clock.advance(100);
  assert.deepEqual(parsed(b.frames()).map((m) => m.type), ['status', 'snapshot'], 'only what was written before the transport went');
  assert.equal(b.sink.bufferedBytes(), 0);
  void b.hub.close();
});
