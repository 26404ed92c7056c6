import { test } from 'node:test';
import assert from 'node:assert/strict';
import { splitFrames } from '../../lib/protocol';
import { createHub } from './hub';
import { createSseFeed } from './sse-transport';
import { nodeEventSource } from './testing/sse-client';
import { serveFeed } from './testing/sse-http';
import { UpstreamBookSim } from './testing/book-model';
import { FakeUpstream } from './testing/fakes';
import { ORIGIN } from './testing/sse-desk';
import { until } from './testing/until';

/**
 * Ack flow control over SSE is the ws protocol's. A stream's acks (POSTed) count the frame
 * text it handled, which is exactly what the hub counted as sent; a reader that stops acknowledging is
 * conflated past the soft cap, and once it acknowledges everything it gets the owed fresh snapshot.
 */

const LIMITS = { softCapBytes: 2000, lowWaterBytes: 500, hardCapBytes: 200_000 };

test('an SSE reader is conflated by what it has not acknowledged and resynced by a fresh snapshot once it has', async () => {
  const upstream = new FakeUpstream();
  const hub = createHub({ upstream, lingerMs: 1000, limits: LIMITS, drainCheckMs: 20 });
  upstream.setState('live');
  const feed = createSseFeed({ hub, authenticate: async () => ({ memberId: 1, username: 'alice', role: 'viewer' }), isAllowedOrigin: (o) => o === ORIGIN });
  const http = await serveFeed(feed);
  const url = `${http.base}/api/feed`;
  const Source = nodeEventSource({ cookie: 'member=alice' });
  const source = new Source(url);
  let stream: string | undefined;
  const frames: string[] = [];
  source.addEventListener('stream', (ev) => (stream = (JSON.parse(ev.data) as { stream: string }).stream));
  // a busy stream's event carries several frames (coalesced as over /ws)
  source.onmessage = (ev) => frames.push(...splitFrames(ev.data));
  const post = async (...sent: unknown[]) => {
    const res = await fetch(url, { method: 'POST', headers: { origin: ORIGIN, cookie: 'member=alice' }, body: JSON.stringify({ stream, frames: sent.map((f) => JSON.stringify(f)) }) });
    assert.equal(res.status, 204);
  };
  const books = () => frames.map((f) => JSON.parse(f) as { channel?: string; type: string; data?: { checksum: number } }).filter((m) => m.channel === 'book');
  try {
    await until(() => stream !== undefined, 5000, 'stream open');
    await post({ op: 'ack', bytes: 0 }, { op: 'subscribe', channel: 'book', symbol: 'BTC/USD', depth: 10 });
    await until(() => upstream.wanted.size > 0, 5000, 'subscribed upstream');
    const sim = new UpstreamBookSim('BTC/USD', 10);
    upstream.emit(sim.snapshot());
    for (let i = 0; i < 100; i++) {
      upstream.emit(sim.update([['100.5', `${i + 1}.00000000`]], []));
      // the response writer drains the stream into the socket between frames, as it does under a real feed
      await new Promise((r) => setImmediate(r));
    }
    assert.equal(hub.stats().conflated, 1, 'held back past the soft cap: the reader has acknowledged nothing');
    // frames waiting for their window count as queued; once written, nothing is left queued in this process
    await until(() => hub.stats().bufferedMax === 0, 5000, 'the last window written and pulled');
    assert.equal(hub.stats().conflated, 1, 'still held back, not by its queue in this process: by its acks');
    const sent = hub.stats().backlogMax;
    assert.ok(sent > LIMITS.softCapBytes && sent < LIMITS.softCapBytes + 400, `sent ${sent} bytes, then held back`);
    await until(() => frames.reduce((n, f) => n + f.length, 0) === sent, 5000, 'every byte sent arrives as frame text');
    const before = books().length;
    assert.ok(before < 101);
    // acks count the frame text the reader handled: exactly the hub's count, so the ack is accepted
    await post({ op: 'ack', bytes: sent });
    await until(() => books().length > before, 5000, 'the owed snapshot arrives');
    const owed = books()[before];
    assert.equal(owed?.type, 'snapshot');
    assert.equal(owed?.data?.checksum, sim.model.checksum(), 'a fresh snapshot of the current book');
    assert.equal(feed.connections(), 1, 'the stream stays open');
  } finally {
    source.close();
    await feed.close();
    await http.close();
    await hub.close();
  }
});
