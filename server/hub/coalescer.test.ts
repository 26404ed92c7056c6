import { test } from 'node:test';
import assert from 'node:assert/strict';
import { FakeClock } from '../../lib/kraken/ws-test-fakes';
import { splitFrames } from '../../lib/protocol';
import { FrameCoalescer, joinFrames, sharedBatches } from './coalescer';
import { encodeFrame, type Frame } from './frames';

const frame = (n: number): Frame => encodeFrame({ type: 'pong', id: n });

/** A coalescer on a hand-driven clock that records each written message as the ids of its frames. */
function recorder(windowMs = 16) {
  const clock = new FakeClock();
  const messages: number[][] = [];
  const batch = new FrameCoalescer((frames) => {
    messages.push(splitFrames(joinFrames(frames).toString('latin1')).map((f) => (JSON.parse(f) as { id: number }).id));
  }, windowMs, clock);
  return { clock, messages, batch };
}

test('a frame after a quiet window is written at once, alone', () => {
  const { clock, messages, batch } = recorder();
  batch.push(frame(1));
  assert.deepEqual(messages, [[1]], 'the first frame of a connection does not wait');
  clock.advance(16);
  batch.push(frame(2));
  assert.deepEqual(messages, [[1], [2]], 'nothing was written within the last window: no wait');
  assert.equal(clock.pendingTimers(), 0);
});

test('a busy connection gets one message per window, carrying every frame of it in order', () => {
  const { clock, messages, batch } = recorder();
  batch.push(frame(0));
  // 500 frames a second (one every 2 ms) for 100 ms
  for (let i = 1; i <= 50; i++) {
    clock.advance(2);
    batch.push(frame(i));
  }
  clock.advance(16);
  assert.deepEqual(messages.flat(), Array.from({ length: 51 }, (_, i) => i), 'every frame, once, in order');
  assert.ok(messages.length <= 8, `${messages.length} messages for 100 ms: at most one per 16 ms window`);
  assert.ok(messages.slice(1).every((m) => m.length > 1), 'after the first, each message carries a window of frames');
});

test('a waiting frame goes out when the window that began with the previous write ends, not later', () => {
  const { clock, messages, batch } = recorder();
  batch.push(frame(1));
  clock.advance(5);
  batch.push(frame(2));
  batch.push(frame(3));
  assert.deepEqual(messages, [[1]], 'written 5 ms ago: frames wait');
  assert.equal(batch.pendingBytes, frame(2).length + frame(3).length, 'waiting frames count as queued bytes');
  clock.advance(10);
  assert.deepEqual(messages, [[1]]);
  clock.advance(1);
  assert.deepEqual(messages, [[1], [2, 3]], 'flushed 16 ms after the previous write');
  assert.equal(batch.pendingBytes, 0);
});

test('flush writes what waits at once (before a close); stop drops it and every later frame', () => {
  const a = recorder();
  a.batch.push(frame(1));
  a.batch.push(frame(2));
  a.batch.flush();
  assert.deepEqual(a.messages, [[1], [2]]);
  assert.equal(a.clock.pendingTimers(), 0, 'the window timer is cancelled');
  a.batch.flush();
  assert.deepEqual(a.messages, [[1], [2]], 'nothing waiting: nothing written');

  const b = recorder();
  b.batch.push(frame(1));
  b.batch.push(frame(2));
  b.batch.stop();
  b.batch.push(frame(3));
  b.clock.advance(100);
  assert.deepEqual(b.messages, [[1]], 'the transport is gone: what waited and what came after are dropped');
  assert.equal(b.batch.pendingBytes, 0);
  assert.equal(b.clock.pendingTimers(), 0);
});

test('a window of 0 writes every frame as its own message', () => {
  const { messages, batch } = recorder(0);
  for (let i = 1; i <= 3; i++) batch.push(frame(i));
  assert.deepEqual(messages, [[1], [2], [3]]);
});

test('joinFrames separates frames by a newline and shares a lone frame as is', () => {
  const one = frame(1);
  assert.equal(joinFrames([one]), one, 'no copy for a single frame');
  const joined = joinFrames([frame(1), frame(2)]).toString('latin1');
  assert.equal(joined, '{"type":"pong","id":1}\n{"type":"pong","id":2}');
  const escaped = encodeFrame({ type: 'error', code: 'x', message: 'line one\nline two' });
  assert.equal(escaped.includes(0x0a), false, 'a newline inside a frame is escaped, so it never splits one');
  assert.deepEqual(splitFrames(joinFrames([escaped, frame(3)]).toString('latin1')).map((f) => JSON.parse(f)), [
    { type: 'error', code: 'x', message: 'line one\nline two' },
    { type: 'pong', id: 3 },
  ]);
});

test('sharedBatches builds the bytes of the same frames once for the connections that flush them in a row', () => {
  let builds = 0;
  const join = sharedBatches((frames) => {
    builds++;
    return Buffer.concat(frames);
  });
  const [a, b, c] = [frame(1), frame(2), frame(3)];
  const first = join([a, b]);
  assert.equal(join([a, b]), first, 'another connection with the same frames shares the Buffer');
  assert.equal(builds, 1);
  assert.equal(join([a, b, c]).toString('latin1'), Buffer.concat([a, b, c]).toString('latin1'), 'more frames: built anew');
  assert.notEqual(join([a, frame(2)]), first, 'an equal-looking frame that is another object is another batch');
  assert.notEqual(join([b, a]), first, 'order matters');
  assert.equal(builds, 4);
});
