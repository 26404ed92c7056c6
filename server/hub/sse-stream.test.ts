import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLOSE_CODES } from '../../lib/protocol';
import { encodeFrame } from './frames';
import { createSseStream } from './sse-stream';

/** Reads the body to its end; the stream's own timers are unref'd, so this holds the event loop meanwhile. */
async function readAll(body: ReadableStream<Uint8Array>): Promise<string> {
  const hold = setInterval(() => undefined, 1000);
  let text = '';
  const reader = body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return text;
      text += Buffer.from(value).toString('latin1');
    }
  } finally {
    clearInterval(hold);
  }
}

describe('createSseStream', () => {
  it('opens with its id, writes each frame as one data line, ends with a coded end event, once', async () => {
    let ends = 0;
    const stream = createSseStream({ id: 'id-1', memberId: 7, heartbeatMs: 60_000, maxMs: 60_000, onEnd: () => ends++ });
    const frame = encodeFrame({ type: 'status', feed: 'live' });
    stream.sink.send(frame);
    stream.sink.send(frame);
    stream.sink.close(CLOSE_CODES.unauthorized, 'session revoked');
    stream.sink.close(CLOSE_CODES.goingAway, 'again');
    stream.sink.send(frame);
    assert.equal(await readAll(stream.body),
      'event: stream\ndata: {"stream":"id-1"}\n\n' +
      'data: {"type":"status","feed":"live"}\n\n'.repeat(2) +
      `event: end\ndata: {"code":${CLOSE_CODES.unauthorized},"reason":"session revoked"}\n\n`);
    assert.equal(ends, 1);
    assert.equal(stream.ended, true);
    assert.equal(stream.sink.memberId, 7);
  });

  it('coalesces a busy stream\'s frames into one event, a data line each, written before the end event', async (t) => {
    // the window is read off a real monotonic clock; one this long cannot pass between two lines on a busy machine
    t.mock.timers.enable({ apis: ['setTimeout'] });
    const stream = createSseStream({ id: 'id-4', memberId: 1, heartbeatMs: 600_000, maxMs: 600_000, coalesceMs: 60_000, onEnd: () => undefined });
    const frames = [1, 2, 3, 4, 5].map((id) => encodeFrame({ type: 'pong', id }));
    for (const frame of frames.slice(0, 3)) stream.sink.send(frame);
    t.mock.timers.tick(60_000);
    for (const frame of frames.slice(3)) stream.sink.send(frame);
    assert.ok(stream.sink.bufferedBytes() >= frames[3]!.length + frames[4]!.length, 'frames waiting for their window count as buffered');
    stream.sink.close(CLOSE_CODES.goingAway, 'bye');
    assert.equal(await readAll(stream.body),
      'event: stream\ndata: {"stream":"id-4"}\n\n' +
      'data: {"type":"pong","id":1}\n\n' +
      'data: {"type":"pong","id":2}\ndata: {"type":"pong","id":3}\n\n' +
      'data: {"type":"pong","id":4}\ndata: {"type":"pong","id":5}\n\n' +
      `event: end\ndata: {"code":${CLOSE_CODES.goingAway},"reason":"bye"}\n\n`,
      'the first frame at once, the window\'s two together, the waiting two before the end');
  });

  it('sends comment heartbeats while idle and ends itself with goingAway at its time limit', async (t) => {
    // a mocked clock: on a busy machine real 20 ms timers may fire late, and the count would not be the code's
    t.mock.timers.enable({ apis: ['setInterval', 'setTimeout'] });
    const stream = createSseStream({ id: 'id-2', memberId: 1, heartbeatMs: 20, maxMs: 130, onEnd: () => undefined });
    const reading = readAll(stream.body);
    t.mock.timers.tick(130);
    const text = await reading;
    assert.match(text, /^event: stream\n/);
    assert.equal(text.split(': ping\n\n').length - 1, 6, `a heartbeat every 20 ms until 130 ms in ${JSON.stringify(text)}`);
    assert.ok(text.endsWith(`event: end\ndata: {"code":${CLOSE_CODES.goingAway},"reason":"stream time limit"}\n\n`));
  });

  it('counts what the reader has not pulled as buffered, and a cancelled body ends the stream', async () => {
    let ends = 0;
    const stream = createSseStream({ id: 'id-3', memberId: 1, heartbeatMs: 60_000, maxMs: 60_000, onEnd: () => ends++ });
    const frame = encodeFrame({ type: 'pong' });
    const before = stream.sink.bufferedBytes();
    stream.sink.send(frame);
    assert.equal(stream.sink.bufferedBytes() - before, frame.length + 8, 'the frame plus its `data: ` and blank line');
    const reader = stream.body.getReader();
    await reader.read(); // the stream event
    await reader.read(); // the frame
    assert.equal(stream.sink.bufferedBytes(), 0, 'pulled: nothing buffered');
    await reader.cancel();
    assert.equal(ends, 1);
    stream.sink.send(frame); // dropped, must not throw
  });
});
