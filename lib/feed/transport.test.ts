import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { sameOriginFeedUrl, webSocketTransport, type FeedSocket } from './transport';

class FakeSocket implements FeedSocket {
  static made: FakeSocket[] = [];
  readyState = 0;
  onopen: FeedSocket['onopen'] = null;
  onmessage: FeedSocket['onmessage'] = null;
  onclose: FeedSocket['onclose'] = null;
  onerror: FeedSocket['onerror'] = null;
  sent: string[] = [];
  constructor(readonly url: string) {
    FakeSocket.made.push(this);
  }
  send(data: string) {
    this.sent.push(data);
  }
  close() {
    this.readyState = 3;
  }
}

describe('sameOriginFeedUrl', () => {
  it('uses wss under https and ws otherwise, on the page host', () => {
    assert.equal(sameOriginFeedUrl({ protocol: 'https:', host: 'desk.example:8443' }), 'wss://desk.example:8443/ws');
    assert.equal(sameOriginFeedUrl({ protocol: 'http:', host: '127.0.0.1:3310' }), 'ws://127.0.0.1:3310/ws');
  });
});

describe('webSocketTransport', () => {
  it('delivers text frames, sends only when open and reports exactly one close', () => {
    FakeSocket.made = [];
    const events: string[] = [];
    const conn = webSocketTransport('ws://h/ws', FakeSocket).connect({
      onOpen: () => events.push('open'),
      onMessage: (t) => events.push(`msg:${t}`),
      onClose: (code) => events.push(`close:${code}`),
    });
    const socket = FakeSocket.made[0] as FakeSocket;
    assert.equal(socket.url, 'ws://h/ws');
    conn.send('early');
    assert.deepEqual(socket.sent, [], 'nothing is sent before the socket opens');
    socket.readyState = 1;
    socket.onopen?.({});
    conn.send('hello');
    socket.onmessage?.({ data: '{"type":"pong"}' });
    socket.onmessage?.({ data: new ArrayBuffer(2) });
    socket.onerror?.({});
    socket.onclose?.({ code: 1006, reason: '' });
    conn.close();
    assert.deepEqual(socket.sent, ['hello']);
    assert.deepEqual(events, ['open', 'msg:{"type":"pong"}', 'close:1006']);
  });

  it('a local close is reported at once with its code', () => {
    FakeSocket.made = [];
    const closes: number[] = [];
    const conn = webSocketTransport('ws://h/ws', FakeSocket).connect({
      onOpen: () => undefined,
      onMessage: () => undefined,
      onClose: (code) => closes.push(code),
    });
    conn.close(4000, 'heartbeat timeout');
    (FakeSocket.made[0] as FakeSocket).onclose?.({ code: 4000, reason: '' });
    assert.deepEqual(closes, [4000]);
  });
});
