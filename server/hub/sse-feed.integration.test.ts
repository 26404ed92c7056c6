import { test } from 'node:test';
import assert from 'node:assert/strict';
import { BookStore } from '../../lib/feed/book-store';
import { FeedClient } from '../../lib/feed/feed-client';
import { eventSourceTransport } from '../../lib/feed/sse-transport';
import type { FeedTransport } from '../../lib/feed/transport';
import { CLOSE_CODES } from '../../lib/protocol';
import { nodeEventSource, nodeFeedPost } from './testing/sse-client';
import { ORIGIN, startSseDesk } from './testing/sse-desk';
import { until } from './testing/until';

/**
 * The browser's own feed client and book store over Server-Sent Events, against a real hub
 * on the built-in exchange (loopback HTTP). The book must go live with checksums that verify, and a stream
 * the server ends at FEED_STREAM_MAX_SECONDS must be resumed by itself, the book never shown live from
 * before the gap: after the end it reads not-live until the new stream's fresh snapshot has arrived.
 */

const SYMBOL = 'BTC/USD';

/** The SSE transport as the browser uses it, recording which stream each frame came on. */
function recordedTransport(url: string, base: string) {
  const headers = { cookie: 'member=alice' };
  const inner = eventSourceTransport(url, nodeEventSource(headers), nodeFeedPost(base, { ...headers, origin: ORIGIN }));
  const log = { streams: 0, closes: [] as { code: number; at: number }[], opens: [] as number[], snapshotOn: new Map<number, number>() };
  const transport: FeedTransport = {
    connect(handlers) {
      return inner.connect({
        onOpen() {
          log.streams++;
          log.opens.push(performance.now());
          handlers.onOpen();
        },
        onMessage(text) {
          if (text.includes('"type":"snapshot"') && text.includes('"channel":"book"') && !log.snapshotOn.has(log.streams)) {
            log.snapshotOn.set(log.streams, performance.now());
          }
          handlers.onMessage(text);
        },
        onClose(code, reason) {
          log.closes.push({ code, at: performance.now() });
          handlers.onClose(code, reason);
        },
      });
    },
  };
  return { transport, log };
}

test('over SSE the feed client\'s book goes live with verified checksums, equal to the hub\'s', async () => {
  const desk = await startSseDesk();
  const { transport } = recordedTransport(desk.url, desk.base);
  const client = new FeedClient({ transport });
  const store = new BookStore(client, SYMBOL, 10);
  const off = store.subscribe(() => undefined);
  try {
    await until(() => store.getSnapshot().status === 'live', 10_000, 'book live over SSE');
    // the store verifies every snapshot and update against its checksum; a mismatch would count a resync
    await until(() => {
      const view = store.getSnapshot().data;
      return view !== undefined && view.checksum === desk.hub.bookView(SYMBOL)?.checksum;
    }, 5000, 'the browser book equals the hub\'s');
    assert.equal(store.resyncs, 0, 'no checksum mismatch over SSE');
    assert.equal(store.lastFailure, undefined);
    assert.equal(client.invalidFrames, 0, 'every SSE frame passed the protocol schema');
    assert.equal(desk.feed.connections(), 1);
  } finally {
    off();
    client.stop();
    await desk.close();
  }
});

test('a stream ended at FEED_STREAM_MAX_SECONDS resumes by itself with fresh snapshots, never live across the gap', async (t) => {
  const desk = await startSseDesk({ maxStreamSeconds: 1 });
  const { transport, log } = recordedTransport(desk.url, desk.base);
  const client = new FeedClient({ transport });
  const store = new BookStore(client, SYMBOL, 10);
  /** every published status, with the stream it was published during */
  const published: { status: string; stream: number; at: number }[] = [];
  const off = store.subscribe(() => published.push({ status: store.getSnapshot().status, stream: log.streams, at: performance.now() }));
  try {
    await until(() => log.streams >= 3 && store.getSnapshot().status === 'live', 15_000, 'two resumes, live again');
    assert.ok(log.closes.length >= 2);
    for (const close of log.closes) assert.equal(close.code, CLOSE_CODES.goingAway, 'the server ended each stream with goingAway');
    for (let stream = 2; stream <= 3; stream++) {
      const ended = log.closes[stream - 2]!.at;
      const snapshot = log.snapshotOn.get(stream);
      assert.ok(snapshot !== undefined, `stream ${stream} brought a fresh book snapshot`);
      const afterEnd = published.filter((p) => p.at > ended);
      assert.notEqual(afterEnd[0]?.status, 'live', `the first status after stream ${stream - 1} ended is not live`);
      const liveAgain = afterEnd.find((p) => p.status === 'live');
      assert.ok(liveAgain, `live again on stream ${stream}`);
      assert.ok(liveAgain.at >= snapshot, `stream ${stream}: live only after its fresh snapshot`);
      t.diagnostic(`stream ${stream}: reopened ${(log.opens[stream - 1]! - ended).toFixed(0)} ms after the end, live again after ${(liveAgain.at - ended).toFixed(0)} ms`);
    }
    assert.equal(store.resyncs, 0, 'no checksum mismatch across the resumes');
  } finally {
    off();
    client.stop();
    await desk.close();
  }
});
