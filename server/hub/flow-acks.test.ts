import { test, mock } from 'node:test';
import assert from 'node:assert/strict';
import { AckCounter } from '../../lib/feed/ack-counter';
import { ACK_EVERY_BYTES, CLOSE_CODES } from '../../lib/protocol';
import { DEFAULT_FLOW_LIMITS } from './connection';
import { encodeFrame } from './frames';
import { createHub } from './hub';
import { FakeSink, FakeUpstream } from './testing/fakes';
import { UpstreamBookSim } from './testing/book-model';

const BTC10 = { channel: 'book', symbol: 'BTC/USD', depth: 10 } as const;
const LIMITS = { softCapBytes: 2000, lowWaterBytes: 500, hardCapBytes: 20_000 };

function setup() {
  const upstream = new FakeUpstream();
  const hub = createHub({ upstream, lingerMs: 1000, limits: LIMITS, drainCheckMs: 50 });
  upstream.setState('live');
  return { upstream, hub, sim: new UpstreamBookSim('BTC/USD', 10) };
}

const bytesOf = (sink: FakeSink) => sink.frames.reduce((n, f) => n + f.length, 0);
const bookFrames = (sink: FakeSink) => sink.messages().filter((m) => m.channel === 'book');
const trade = (i: number) => ({
  channel: 'trade' as const, type: 'update' as const, symbol: 'BTC/USD',
  trades: [{ id: i, price: '100.0', qty: '1.00000000', side: 'buy' as const, time: i }],
});

test('a browser that acks is conflated by what it has not acknowledged, though nothing is queued in the process', (t) => {
  mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  t.after(() => mock.timers.reset());
  const { upstream, hub, sim } = setup();
  const silent = new FakeSink();
  const acking = new FakeSink();
  hub.connect(silent).subscribe(BTC10);
  const conn = hub.connect(acking);
  conn.subscribe(BTC10);
  assert.equal(conn.ack(0), true, 'the first ack opts in');
  upstream.emit(sim.snapshot());
  for (let i = 0; i < 100; i++) upstream.emit(sim.update([['100.5', `${i + 1}.00000000`]], []));
  assert.equal(bookFrames(silent).length, 101, 'a browser that never acks is judged by its queue alone (empty here)');
  const held = bytesOf(acking);
  assert.ok(held > LIMITS.softCapBytes && held < LIMITS.softCapBytes + 400, `sent ${held} bytes, then held back`);
  assert.ok(bookFrames(acking).length < 101);
  assert.equal(hub.stats().conflated, 1);
  assert.equal(hub.stats().backlogMax, held);
  assert.equal(hub.stats().bufferedMax, 0);

  acking.clear();
  mock.timers.tick(50);
  assert.equal(acking.frames.length, 0, 'no ack, no snapshot: it still has not taken what it was sent');
  assert.equal(conn.ack(held), true);
  mock.timers.tick(50);
  const [snapshot, ...rest] = bookFrames(acking);
  assert.equal(snapshot?.type, 'snapshot', 'once it acknowledged, the owed snapshot goes out');
  assert.equal((snapshot?.data as { checksum: number }).checksum, sim.model.checksum());
  assert.equal(rest.length, 0);
  upstream.emit(sim.update([['100.5', '7.00000000']], []));
  assert.equal(bookFrames(acking).at(-1)?.type, 'update', 'updates resume after the snapshot');
  void hub.close();
});

test('acks that go backwards or beyond the bytes sent are refused and change nothing', () => {
  const { upstream, hub, sim } = setup();
  const sink = new FakeSink();
  const conn = hub.connect(sink);
  conn.subscribe(BTC10);
  upstream.emit(sim.snapshot());
  const sent = bytesOf(sink);
  assert.equal(conn.ack(sent + 1), false, 'more than was sent');
  assert.equal(conn.ack(-1), false);
  assert.equal(conn.ack(sent), true);
  assert.equal(conn.ack(sent - 1), false, 'backwards');
  assert.equal(hub.stats().backlogMax, 0);
  void hub.close();
});

test('a browser that stops acking is closed as too slow once its unacknowledged bytes pass the hard cap', () => {
  const { upstream, hub, sim } = setup();
  const fast = new FakeSink();
  const stuck = new FakeSink();
  hub.connect(fast).subscribe(BTC10);
  const conn = hub.connect(stuck);
  conn.subscribe({ channel: 'trade', symbol: 'BTC/USD' });
  conn.ack(0);
  upstream.emit(sim.snapshot());
  for (let i = 0; i < 1000 && !stuck.closedWith; i++) upstream.emit(trade(i));
  assert.deepEqual(stuck.closedWith, { code: CLOSE_CODES.tooSlow, reason: 'too slow' });
  assert.ok(bytesOf(stuck) <= LIMITS.hardCapBytes + 300, `sent ${bytesOf(stuck)}`);
  assert.equal(hub.stats().connections, 1);
  upstream.emit(sim.update([['100.5', '3.00000000']], []));
  assert.equal(bookFrames(fast).at(-1)?.type, 'update', 'the others keep receiving');
  void hub.close();
});

test('frames are ASCII, so a browser counting received text counts the bytes the hub sent', () => {
  const message = { type: 'error', code: 'bad_request', message: 'depth — “1000” is too deep for 🦑' } as const;
  const frame = encodeFrame(message);
  assert.ok(frame.every((byte) => byte < 0x80), 'every byte is ASCII');
  const text = frame.toString('utf8');
  assert.equal(text.length, frame.length);
  assert.deepEqual(JSON.parse(text), message, 'the escapes decode to the same text');
  const plain = encodeFrame({ type: 'pong', id: 7 });
  assert.equal(plain.toString('utf8'), '{"type":"pong","id":7}');
});

test('with the default limits, a reader that acks as the feed client does gets its owed snapshot once it has caught up', (t) => {
  mock.timers.enable({ apis: ['setTimeout', 'setInterval'] });
  t.after(() => mock.timers.reset());
  assert.ok(ACK_EVERY_BYTES < DEFAULT_FLOW_LIMITS.lowWaterBytes, 'a caught-up reader may hold back up to ACK_EVERY_BYTES');
  const upstream = new FakeUpstream();
  const hub = createHub({ upstream, lingerMs: 1000, drainCheckMs: 50 });
  upstream.setState('live');
  const sim = new UpstreamBookSim('BTC/USD', 10);
  const sink = new FakeSink();
  const conn = hub.connect(sink);
  conn.subscribe(BTC10);
  const acks = new AckCounter();
  conn.ack(0);
  acks.open();
  upstream.emit(sim.snapshot());
  for (let i = 0; hub.stats().conflated === 0 && i < 20_000; i++) upstream.emit(sim.update([['100.5', `${(i % 9) + 1}.00000000`]], []));
  assert.equal(hub.stats().conflated, 1, 'it fell a soft cap behind');
  // the reader now handles everything it was sent, acking as the feed client does (never the last partial chunk)
  let last: string | undefined;
  for (const frame of sink.frames) last = acks.handledFrames([String(frame)]) ?? last;
  if (last) assert.equal(conn.ack((JSON.parse(last) as { bytes: number }).bytes), true);
  assert.ok(bytesOf(sink) - (JSON.parse(last ?? '{"bytes":0}') as { bytes: number }).bytes < ACK_EVERY_BYTES);
  sink.clear();
  mock.timers.tick(50);
  assert.equal(bookFrames(sink)[0]?.type, 'snapshot', 'the owed snapshot went out without another ack');
  void hub.close();
});
