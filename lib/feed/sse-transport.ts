import { CLOSE_CODES } from '@/lib/protocol-basics';
import type { FeedTransport } from './transport';

/**
 * The feed over Server-Sent Events (hosts without WebSocket upgrades): frames arrive on an EventSource
 * (`GET /api/feed`), the browser's own frames go out as `POST /api/feed` with the stream's id, one
 * request at a time so acks and subscribe/unsubscribe keep their order, batched while one is in flight.
 * The stream's `end` event carries a WebSocket-style close code; a drop without it reads as 1006. A busy
 * stream's event carries several frames, a `data:` line each, which EventSource joins with newlines: the
 * same message a `/ws` socket gets, split by the feed client (splitFrames).
 */

/** The subset of the browser's EventSource the transport needs (injectable for tests). */
export interface EventSourceLike {
  onmessage: ((ev: { data: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  addEventListener(type: 'stream' | 'end', listener: (ev: { data: string }) => void): void;
  close(): void;
}
export type EventSourceConstructor = new (url: string) => EventSourceLike;

/** The subset of fetch the transport needs. */
export type FeedPost = (url: string, init: { method: 'POST'; headers: Record<string, string>; body: string }) => Promise<{ status: number }>;

/** As the server accepts (server/hub/sse-transport.ts MAX_POST_FRAMES, and well under its byte cap). */
const MAX_BATCH_FRAMES = 32;
const MAX_BATCH_CHARS = 8 * 1024;

export function eventSourceTransport(url: string, Source: EventSourceConstructor, post: FeedPost): FeedTransport {
  return {
    connect(handlers) {
      const source = new Source(url);
      let stream: string | undefined;
      let closed = false;
      let sending = false;
      const queue: string[] = [];

      const finish = (code: number, reason: string) => {
        if (closed) return;
        closed = true;
        source.onmessage = source.onerror = null;
        source.close();
        queue.length = 0;
        handlers.onClose(code, reason);
      };
      const flush = () => {
        if (sending || closed || stream === undefined || queue.length === 0) return;
        const frames = takeBatch(queue);
        sending = true;
        post(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ stream, frames }) }).then(
          (res) => {
            sending = false;
            // the stream is gone on the server (ended, or the session with it): this connection is over
            if (res.status === 401) return finish(CLOSE_CODES.unauthorized, 'sign in first');
            if (res.status === 404) return finish(1006, 'feed stream gone');
            // a refused request (400, 413) loses frames: start over rather than run with a wrong state
            if (res.status >= 300) return finish(1006, `feed request refused (${res.status})`);
            flush();
          },
          () => {
            sending = false;
            finish(1006, 'feed request failed');
          },
        );
      };

      source.addEventListener('stream', (ev) => {
        const id = streamIdOf(ev.data);
        if (id === undefined || stream !== undefined) return finish(1006, 'bad stream event');
        stream = id;
        handlers.onOpen();
      });
      source.addEventListener('end', (ev) => {
        const { code, reason } = endOf(ev.data);
        finish(code, reason);
      });
      source.onmessage = (ev) => {
        if (stream !== undefined && typeof ev.data === 'string') handlers.onMessage(ev.data);
      };
      // EventSource would reconnect by itself, to a new stream the feed client knows nothing of: the
      // feed client reconnects instead (and resubscribes, and so gets fresh snapshots)
      source.onerror = () => finish(1006, 'stream dropped');

      return {
        send(text) {
          if (closed || stream === undefined) return;
          queue.push(text);
          flush();
        },
        close(code = 1000, reason = '') {
          finish(code, reason);
        },
      };
    },
  };
}

function takeBatch(queue: string[]): string[] {
  const batch: string[] = [];
  let chars = 0;
  while (queue.length > 0 && batch.length < MAX_BATCH_FRAMES) {
    const next = queue[0] as string;
    if (batch.length > 0 && chars + next.length > MAX_BATCH_CHARS) break;
    batch.push(next);
    chars += next.length;
    queue.shift();
  }
  return batch;
}

function streamIdOf(data: string): string | undefined {
  try {
    const parsed = JSON.parse(data) as { stream?: unknown };
    return typeof parsed.stream === 'string' ? parsed.stream : undefined;
  } catch {
    return undefined;
  }
}

function endOf(data: string): { code: number; reason: string } {
  try {
    const parsed = JSON.parse(data) as { code?: unknown; reason?: unknown };
    return {
      code: typeof parsed.code === 'number' ? parsed.code : 1006,
      reason: typeof parsed.reason === 'string' ? parsed.reason : '',
    };
  } catch {
    return { code: 1006, reason: 'bad end event' };
  }
}
