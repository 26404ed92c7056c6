import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CLOSE_CODES } from '@/lib/protocol';
import { fallbackTransport } from './fallback-transport';
import { eventSourceTransport, type EventSourceLike } from './sse-transport';
import type { FeedTransport, TransportHandlers } from './transport';

class FakeEventSource implements EventSourceLike {
  static made: FakeEventSource[] = [];
  onmessage: EventSourceLike['onmessage'] = null;
  onerror: EventSourceLike['onerror'] = null;
  closed = false;
  private readonly listeners = new Map<string, (ev: { data: string }) => void>();
  constructor(readonly url: string) {
    FakeEventSource.made.push(this);
  }
  addEventListener(type: string, listener: (ev: { data: string }) => void) {
    this.listeners.set(type, listener);
  }
  close() {
    this.closed = true;
  }
  emit(type: string, data: string) {
    if (type === 'message') this.onmessage?.({ data });
    else this.listeners.get(type)?.({ data });
  }
}

/** A fetch whose answers the test releases one by one, so ordering is visible. */
function fakePost() {
  const requests: { url: string; body: { stream: string; frames: string[] }; answer: (status: number) => void; fail: () => void }[] = [];
  const post = (url: string, init: { body: string }) =>
    new Promise<{ status: number }>((resolve, reject) => {
      requests.push({ url, body: JSON.parse(init.body), answer: (status) => resolve({ status }), fail: () => reject(new Error('network')) });
    });
  return { requests, post };
}

function recorder() {
  const events: string[] = [];
  const handlers: TransportHandlers = {
    onOpen: () => events.push('open'),
    onMessage: (t) => events.push(`msg:${t}`),
    onClose: (code, reason) => events.push(`close:${code}:${reason}`),
  };
  return { events, handlers };
}

const tick = () => new Promise((r) => setImmediate(r));

describe('eventSourceTransport', () => {
  it('opens on the stream event, delivers data frames, ends with the end event\'s code exactly once', () => {
    FakeEventSource.made = [];
    const { post } = fakePost();
    const { events, handlers } = recorder();
    eventSourceTransport('/api/feed', FakeEventSource, post).connect(handlers);
    const source = FakeEventSource.made[0] as FakeEventSource;
    assert.equal(source.url, '/api/feed');
    source.emit('message', '{"type":"status","feed":"live"}'); // before the stream id: not ours yet
    source.emit('stream', JSON.stringify({ stream: 'abc' }));
    source.emit('message', '{"type":"pong"}');
    source.emit('end', JSON.stringify({ code: CLOSE_CODES.goingAway, reason: 'stream time limit' }));
    source.onerror?.({});
    assert.deepEqual(events, ['open', 'msg:{"type":"pong"}', `close:${CLOSE_CODES.goingAway}:stream time limit`]);
    assert.equal(source.closed, true, 'EventSource must not reconnect by itself');
  });

  it('a dropped stream closes the EventSource (no automatic retry) and reads as 1006', () => {
    FakeEventSource.made = [];
    const { events, handlers } = recorder();
    eventSourceTransport('/api/feed', FakeEventSource, fakePost().post).connect(handlers);
    const source = FakeEventSource.made[0] as FakeEventSource;
    source.onerror?.({});
    assert.deepEqual(events, ['close:1006:stream dropped']);
    assert.equal(source.closed, true);
  });

  it('posts frames with the stream id, one request at a time, batching what queued meanwhile, in order', async () => {
    FakeEventSource.made = [];
    const { requests, post } = fakePost();
    const conn = eventSourceTransport('/api/feed', FakeEventSource, post).connect(recorder().handlers);
    conn.send('early');
    const source = FakeEventSource.made[0] as FakeEventSource;
    source.emit('stream', JSON.stringify({ stream: 'id-1' }));
    conn.send('a');
    conn.send('b');
    conn.send('c');
    assert.equal(requests.length, 1, 'a second request waits for the first');
    assert.deepEqual(requests[0]?.body, { stream: 'id-1', frames: ['a'] }, 'nothing is sent before the stream opened');
    requests[0]?.answer(204);
    await tick();
    assert.equal(requests.length, 2);
    assert.deepEqual(requests[1]?.body.frames, ['b', 'c']);
    requests[1]?.answer(204);
    await tick();
    assert.equal(requests.length, 2, 'nothing left to send');
  });

  it('splits a burst into batches the server accepts (at most 32 frames)', async () => {
    FakeEventSource.made = [];
    const { requests, post } = fakePost();
    const conn = eventSourceTransport('/api/feed', FakeEventSource, post).connect(recorder().handlers);
    (FakeEventSource.made[0] as FakeEventSource).emit('stream', JSON.stringify({ stream: 'id-2' }));
    for (let i = 0; i < 70; i++) conn.send(`f${i}`);
    const sizes: number[] = [];
    while (requests.length > sizes.length) {
      const req = requests[sizes.length]!;
      sizes.push(req.body.frames.length);
      req.answer(204);
      await tick();
    }
    assert.deepEqual(sizes, [1, 32, 32, 5]);
  });

  it('a refused or failed request ends the connection: 401 as unauthorized, 404 and network errors as dropped', async () => {
    for (const [outcome, expected] of [[401, `close:${CLOSE_CODES.unauthorized}:sign in first`], [404, 'close:1006:feed stream gone'], ['network', 'close:1006:feed request failed']] as const) {
      FakeEventSource.made = [];
      const { requests, post } = fakePost();
      const { events, handlers } = recorder();
      const conn = eventSourceTransport('/api/feed', FakeEventSource, post).connect(handlers);
      const source = FakeEventSource.made[0] as FakeEventSource;
      source.emit('stream', JSON.stringify({ stream: 'id-3' }));
      conn.send('x');
      conn.send('y');
      if (outcome === 'network') requests[0]?.fail();
      else requests[0]?.answer(outcome);
      await tick();
      assert.deepEqual(events, ['open', expected]);
      assert.equal(source.closed, true);
      assert.equal(requests.length, 1, 'queued frames are dropped with the connection');
    }
  });
});

/** A transport whose connections the test opens or fails by hand. */
function scripted(name: string, log: string[]): FeedTransport & { last?: TransportHandlers } {
  const t: FeedTransport & { last?: TransportHandlers } = {
    connect(handlers) {
      log.push(name);
      t.last = handlers;
      return { send: () => undefined, close: () => undefined };
    },
  };
  return t;
}

/** A WebSocket primary and an SSE fallback, both scripted, each attempt logged by name. */
function wsThenSse() {
  const log: string[] = [];
  const ws = scripted('ws', log);
  const sse = scripted('sse', log);
  return { log, ws, sse, transport: fallbackTransport(ws, sse), ...recorder() };
}

describe('fallbackTransport', () => {
  it('switches to the fallback after two failures that never opened, and stays there', () => {
    const { log, ws, sse, transport, events, handlers } = wsThenSse();
    transport.connect(handlers);
    ws.last?.onClose(1006, '');
    transport.connect(handlers);
    ws.last?.onClose(1006, '');
    assert.equal(transport.using, 'fallback');
    transport.connect(handlers);
    sse.last?.onOpen();
    sse.last?.onClose(1001, 'stream time limit');
    transport.connect(handlers);
    assert.deepEqual(log, ['ws', 'ws', 'sse', 'sse']);
    assert.deepEqual(events, ['close:1006:', 'close:1006:', 'open', 'close:1001:stream time limit']);
  });

  it('a fallback that fails before opening too (the desk restarting) sends the next attempts back to the primary', () => {
    const { log, ws, sse, transport, handlers } = wsThenSse();
    for (let i = 0; i < 2; i++) {
      transport.connect(handlers);
      ws.last?.onClose(1006, '');
    }
    transport.connect(handlers);
    sse.last?.onClose(1006, '');
    assert.equal(transport.using, 'primary');
    transport.connect(handlers);
    ws.last?.onOpen();
    assert.deepEqual(log, ['ws', 'ws', 'sse', 'ws']);
  });

  it('keeps a WebSocket that opened once, however often it drops later', () => {
    const { log, ws, transport, handlers } = wsThenSse();
    transport.connect(handlers);
    ws.last?.onOpen();
    ws.last?.onClose(1006, '');
    for (let i = 0; i < 3; i++) {
      transport.connect(handlers);
      ws.last?.onClose(1006, '');
    }
    assert.equal(transport.using, 'primary');
    assert.deepEqual(log, ['ws', 'ws', 'ws', 'ws']);
  });
});
