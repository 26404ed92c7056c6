import { CLOSE_CODES } from '../../lib/protocol';
import { coalescingSink, DEFAULT_COALESCE_MS, sharedBatches } from './coalescer';
import type { Sink } from './connection';
import type { Frame } from './frames';

/**
 * One Server-Sent Events response body as a hub sink. Each hub frame (single-line ASCII JSON) is one
 * `data:` line, and a busy stream's frames are coalesced as over `/ws` (coalescer.ts): one event per window,
 * one `data:` line per frame, which EventSource hands over joined by newlines: the same message a `/ws`
 * socket gets. The stream opens with a `stream` event naming its id (the browser POSTs its frames with it)
 * and ends with an `end` event carrying a WebSocket-style code, since EventSource itself reports none.
 */

/** Bytes the stream may queue before the reader's pace shows in `bufferedBytes()` (per stream). */
const QUEUE_BYTES = 64 * 1024;

const DATA = Buffer.from('data: ', 'latin1');
const NEXT_DATA = Buffer.from('\ndata: ', 'latin1');
const END = Buffer.from('\n\n', 'latin1');
const PING = Buffer.from(': ping\n\n', 'latin1');

export interface SseStreamOptions {
  id: string;
  memberId: number;
  /** comment heartbeat period, so proxies do not cut an idle stream (ms) */
  heartbeatMs: number;
  /** the stream is ended with `goingAway` after this long; the browser reconnects at once (ms) */
  maxMs: number;
  /** the stream ended, whoever ended it (server close, browser gone); called once */
  onEnd(): void;
  /** a busy stream's frames within this window share one event; 0: one event per frame (ms) */
  coalesceMs?: number;
}

export interface SseStream {
  readonly id: string;
  readonly sink: Sink;
  readonly body: ReadableStream<Uint8Array>;
  readonly ended: boolean;
}

/** The stream starts at once: its `stream` event is queued and its timers run; the caller then connects the sink. */
export function createSseStream(options: SseStreamOptions): SseStream {
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  let ended = false;
  let heartbeat: NodeJS.Timeout | undefined;
  let limit: NodeJS.Timeout | undefined;

  const enqueue = (bytes: Uint8Array) => {
    if (ended) return;
    try {
      controller.enqueue(bytes);
    } catch {
      finish(); // the body was torn down under us (browser gone)
    }
  };
  const finish = () => {
    if (ended) return;
    ended = true;
    clearInterval(heartbeat);
    clearTimeout(limit);
    sink.stop();
    options.onEnd();
  };
  const close = (code: number, reason: string) => {
    if (ended) return;
    enqueue(event('end', JSON.stringify({ code, reason })));
    try {
      controller.close();
    } catch {
      // already errored or cancelled
    }
    finish();
  };

  // every close goes through the sink, so the frames waiting for their window are written before the end event
  const sink: Sink & { stop(): void } = coalescingSink(
    {
      memberId: options.memberId,
      write: (frames) => enqueue(sseEncoded(frames)),
      // what the reader has not pulled yet: the route's response writer pulls only as the socket drains. These
      // are wire bytes (`data: ` per frame and a blank line per event); acks count frame text, as over /ws, and
      // the hub takes the larger of queued and unacknowledged, so the framing only ever makes it more careful
      bufferedBytes: () => (ended ? 0 : Math.max(0, QUEUE_BYTES - (controller.desiredSize ?? QUEUE_BYTES))),
      close,
    },
    options.coalesceMs ?? DEFAULT_COALESCE_MS,
  );
  return {
    id: options.id,
    sink,
    body: new ReadableStream<Uint8Array>(
      {
        start(c) {
          controller = c;
          enqueue(event('stream', JSON.stringify({ stream: options.id })));
          heartbeat = setInterval(() => enqueue(PING), options.heartbeatMs);
          heartbeat.unref();
          limit = setTimeout(() => sink.close(CLOSE_CODES.goingAway, 'stream time limit'), options.maxMs);
          limit.unref();
        },
        cancel: finish,
      },
      new ByteLengthQueuingStrategy({ highWaterMark: QUEUE_BYTES }),
    ),
    get ended() {
      return ended;
    },
  };
}

/**
 * One event carrying `frames`, a `data:` line each. The hub hands the same Frame to every subscriber, so an
 * event is built once per frame or batch, not per stream (coalescer.ts `sharedBatches`; the bytes are only
 * read, never changed, so every stream may queue the same Buffer).
 */
const encoded = new WeakMap<Frame, Buffer>();
const encodedBatch = sharedBatches((frames) => Buffer.concat(frames.flatMap((frame, i) => (i === 0 ? [DATA, frame] : [NEXT_DATA, frame])).concat(END)));
function sseEncoded(frames: readonly Frame[]): Buffer {
  if (frames.length > 1) return encodedBatch(frames);
  const frame = frames[0] as Frame;
  let line = encoded.get(frame);
  if (!line) encoded.set(frame, (line = Buffer.concat([DATA, frame, END])));
  return line;
}

function event(name: string, data: string): Buffer {
  return Buffer.from(`event: ${name}\ndata: ${data}\n\n`, 'latin1');
}
