import type { Frame } from './frames';

/**
 * One browser connection as the hub sees it: anything that can take pre-serialised frames (a ws socket,
 * later an SSE response). The hub decides what to send; the transport only moves bytes.
 */
export interface Sink {
  /** owner, so an admin can close every connection of one member at once */
  readonly memberId?: number;
  /** Queues one frame; must not throw (a closed transport just drops it). */
  send(frame: Frame): void;
  /** Bytes queued in this process, not yet handed to the network (ws: `bufferedAmount`). */
  bufferedBytes(): number;
  /** Ends the connection with a close code the browser can read. */
  close(code: number, reason: string): void;
}

export interface FlowLimits {
  /**
   * Backlog is the bytes a connection has not yet taken: queued in this process, and for a browser that
   * acknowledges what it handled, everything unacknowledged (kernel buffers, the network, the browser).
   * Above this, conflatable (book) updates are dropped and a fresh snapshot is sent once drained.
   */
  softCapBytes: number;
  /**
   * a snapshot owed after conflation is sent once the backlog falls below this; above ACK_EVERY_BYTES, since a
   * reader that handled everything may still have that much unacknowledged
   */
  lowWaterBytes: number;
  /** above this the connection is closed as too slow */
  hardCapBytes: number;
}

export const DEFAULT_FLOW_LIMITS: FlowLimits = {
  softCapBytes: 256 * 1024,
  lowWaterBytes: 128 * 1024,
  hardCapBytes: 2 * 1024 * 1024,
};

/** Counters the tests and the bench read. */
export interface FlowCounters {
  delivered: number;
  /** times a connection started owing a snapshot (its updates or a snapshot were held back) */
  conflated: number;
  closedTooSlow: number;
}

/**
 * Per-connection flow control. Book updates are conflatable: skipping some is fine as long as the
 * browser then gets a fresh snapshot, so a slow reader costs the hub at most one snapshot per topic,
 * never an ever-growing queue. Everything else is sent as is, bounded by the hard cap.
 */
export class Conn<T> {
  readonly topics = new Set<T>();
  /** topics whose updates were dropped; each owes the browser a fresh snapshot */
  readonly owed = new Set<T>();
  closed = false;
  /** bytes of every frame handed to the sink, and how many of them the browser says it has handled */
  private sentBytes = 0;
  private ackedBytes = 0;
  private acking = false;

  constructor(
    readonly sink: Sink,
    private readonly limits: FlowLimits,
    private readonly counters: FlowCounters,
    private readonly onTooSlow: (conn: Conn<T>) => void,
  ) {}

  /** Sends a frame that must not be dropped (status, trades, candles, private data). */
  sendAlways(frame: Frame): boolean {
    if (this.closed) return false;
    if (this.backlog() > this.limits.hardCapBytes) return this.tooSlow();
    this.write(frame);
    return true;
  }

  /** Sends a conflatable update unless the connection is behind; then remembers the owed snapshot. */
  sendUpdate(topic: T, frame: Frame): boolean {
    if (this.closed || this.owed.has(topic)) return false;
    const backlog = this.backlog();
    if (backlog > this.limits.hardCapBytes) return this.tooSlow();
    if (backlog > this.limits.softCapBytes) {
      this.owed.add(topic);
      this.counters.conflated++;
      return false;
    }
    this.write(frame);
    return true;
  }

  /** Sends snapshot frames now if the connection has room, else owes them; true when sent. */
  sendSnapshot(topic: T, frames: readonly Frame[]): boolean {
    if (this.closed) return false;
    const backlog = this.backlog();
    if (backlog > this.limits.hardCapBytes) return this.tooSlow();
    const limit = this.owed.has(topic) ? this.limits.lowWaterBytes : this.limits.softCapBytes;
    if (backlog > limit) {
      if (!this.owed.has(topic)) this.counters.conflated++;
      this.owed.add(topic);
      return false;
    }
    this.owed.delete(topic);
    for (const frame of frames) this.write(frame);
    return true;
  }

  /** True when an owed snapshot may be sent now. */
  drained(): boolean {
    return this.backlog() <= this.limits.lowWaterBytes;
  }

  /**
   * The browser has handled `bytes` bytes of frames in total. The first ack switches the connection to
   * ack flow control; an ack that goes backwards or beyond what was sent is a protocol error (false).
   */
  ack(bytes: number): boolean {
    if (bytes < this.ackedBytes || bytes > this.sentBytes) return false;
    this.acking = true;
    this.ackedBytes = bytes;
    return true;
  }

  /**
   * Bytes sent but not yet taken. The process's own queue only grows once the kernel's socket buffers
   * (megabytes per socket) are full, so a browser that acks is measured by what it has not acknowledged.
   */
  backlog(): number {
    const queued = this.sink.bufferedBytes();
    return this.acking ? Math.max(queued, this.sentBytes - this.ackedBytes) : queued;
  }

  private write(frame: Frame): void {
    this.sink.send(frame);
    this.sentBytes += frame.length;
    this.counters.delivered++;
  }

  private tooSlow(): false {
    this.counters.closedTooSlow++;
    this.onTooSlow(this);
    return false;
  }
}
