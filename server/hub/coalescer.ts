import type { Clock } from '../../lib/feed/clock';
import { FRAME_SEPARATOR } from '../../lib/protocol';
import type { Sink } from './connection';
import type { Frame } from './frames';

/**
 * One display frame at 60 Hz: a busy connection gets at most ~60 messages a second, a frame waits at most
 * this long, and a browser repaints at most this often anyway.
 */
export const DEFAULT_COALESCE_MS = 16;

/** Monotonic clock for the hub: wall-clock jumps must not hold frames back or flush early. */
export const hubClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/**
 * Coalesces one connection's frames into fewer transport messages. Every WebSocket message (or SSE event)
 * costs the browser a main-thread task of its own, so a book at 500 updates/s cost a tab ~440 tasks a
 * second; coalesced it costs at most one per window.
 *
 * Adaptive, so a quiet feed keeps its latency: a frame for a connection that wrote nothing within the
 * last `windowMs` is written at once; otherwise it waits, with every frame after it, until that window
 * ends, and they are written together. Frames keep their order and none is dropped here: flow control
 * (connection.ts) happens before, counting each frame's bytes as it is handed over, so it counts the same
 * bytes batched or not, and a frame waiting here counts in the connection's backlog (`pendingBytes`).
 */
export class FrameCoalescer {
  private pending: Frame[] = [];
  private pendingLength = 0;
  private lastWriteAt = -Infinity;
  private timer: unknown;
  private stopped = false;

  constructor(
    /** writes one message carrying `frames` (one or more, in order) */
    private readonly write: (frames: readonly Frame[]) => void,
    private readonly windowMs: number = DEFAULT_COALESCE_MS,
    private readonly clock: Clock = hubClock,
  ) {}

  /** Bytes of the frames waiting for the window to end (not yet handed to the transport). */
  get pendingBytes(): number {
    return this.pendingLength;
  }

  push(frame: Frame): void {
    if (this.stopped) return;
    if (this.pending.length === 0) {
      const now = this.clock.now();
      const wait = this.lastWriteAt + this.windowMs - now;
      if (wait <= 0) {
        this.lastWriteAt = now;
        this.write([frame]);
        return;
      }
      this.timer = this.clock.setTimeout(() => {
        this.timer = undefined;
        this.flush();
      }, wait);
    }
    this.pending.push(frame);
    this.pendingLength += frame.length;
  }

  /** Writes what is waiting now (the connection is about to close: its last frames go before the close). */
  flush(): void {
    if (this.timer !== undefined) {
      this.clock.clearTimeout(this.timer);
      this.timer = undefined;
    }
    if (this.pending.length === 0 || this.stopped) return;
    const frames = this.pending;
    this.pending = [];
    this.pendingLength = 0;
    this.lastWriteAt = this.clock.now();
    this.write(frames);
  }

  /** The transport is gone: drops what waits, and every later frame. */
  stop(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.stopped = true;
    this.pending = [];
    this.pendingLength = 0;
  }
}

/** A transport connection that writes whole messages (a `/ws` socket): what `coalescingSink` wraps. */
export interface MessageWriter {
  readonly memberId?: number;
  /** writes one message carrying `frames`, in order; must not throw */
  write(frames: readonly Frame[]): void;
  /** bytes queued in this process, not yet handed to the network */
  bufferedBytes(): number;
  close(code: number, reason: string): void;
}

/**
 * A hub sink whose frames reach `out` coalesced. Frames waiting for their window count as queued bytes,
 * so flow control sees them; a close writes what waits first (the browser gets an error frame or its last
 * updates before the close, as it would unbatched). `stop()` when the transport has gone.
 */
export function coalescingSink(out: MessageWriter, windowMs = DEFAULT_COALESCE_MS, clock: Clock = hubClock): Sink & { stop(): void } {
  const batch = new FrameCoalescer((frames) => out.write(frames), windowMs, clock);
  return {
    memberId: out.memberId,
    send: (frame) => batch.push(frame),
    bufferedBytes: () => out.bufferedBytes() + batch.pendingBytes,
    close(code, reason) {
      batch.flush();
      batch.stop();
      out.close(code, reason);
    },
    stop: () => batch.stop(),
  };
}

const SEPARATOR = Buffer.from(FRAME_SEPARATOR, 'latin1');

/**
 * Builds a batch's bytes once for every connection that writes the same frames in a row. The hub hands each
 * subscriber the same Frame objects, and connections that subscribed together flush their windows in the same
 * timer turn, so 500 readers of one book would otherwise each copy the same bytes. The last batch is
 * remembered by the identity of its frames (a batch array is never changed once handed over) and its Buffer
 * shared, which is safe because transports only read it.
 */
export function sharedBatches(build: (frames: readonly Frame[]) => Buffer): (frames: readonly Frame[]) => Buffer {
  let lastFrames: readonly Frame[] = [];
  let lastBytes: Buffer | undefined;
  return (frames) => {
    if (lastBytes !== undefined && sameFrames(frames, lastFrames)) return lastBytes;
    lastBytes = build(frames);
    lastFrames = frames;
    return lastBytes;
  };
}

function sameFrames(a: readonly Frame[], b: readonly Frame[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** One message's bytes: the frames joined by FRAME_SEPARATOR (a lone frame is sent as its own shared Buffer). */
export const joinFrames = sharedBatches((frames) => {
  if (frames.length === 1) return frames[0] as Frame;
  let length = frames.length - 1;
  for (const frame of frames) length += frame.length;
  const out = Buffer.allocUnsafe(length);
  let at = 0;
  frames.forEach((frame, i) => {
    if (i > 0) at += SEPARATOR.copy(out, at);
    at += frame.copy(out, at);
  });
  return out;
});
