/** Test doubles for the feed layer: a transport whose connections tests steer (the hand-driven clock is lib/kraken's FakeClock). */
import type { FeedTransport, TransportConnection, TransportHandlers } from '../transport';

export class FakeConnection implements TransportConnection {
  readonly sent: unknown[] = [];
  closedWith: number | undefined;

  constructor(private readonly handlers: TransportHandlers) {}

  send(text: string): void {
    this.sent.push(JSON.parse(text));
  }

  /** what the client sent apart from its flow-control acks */
  get ops(): unknown[] {
    return this.sent.filter((m) => (m as { op?: string }).op !== 'ack');
  }

  /** the byte counts of the client's flow-control acks, in order */
  get acks(): number[] {
    return this.sent.flatMap((m) => ((m as { op?: string }).op === 'ack' ? [(m as { bytes: number }).bytes] : []));
  }

  close(code = 1000): void {
    if (this.closedWith !== undefined) return;
    this.closedWith = code;
    this.handlers.onClose(code, '');
  }

  /** server side: accept the connection */
  open(): void {
    this.handlers.onOpen();
  }

  /** server side: send a frame (objects are JSON-encoded) */
  deliver(frame: unknown): void {
    this.handlers.onMessage(typeof frame === 'string' ? frame : JSON.stringify(frame));
  }

  /** server side: drop or close the connection */
  drop(code = 1006): void {
    if (this.closedWith !== undefined) return;
    this.closedWith = code;
    this.handlers.onClose(code, '');
  }
}

export class FakeTransport implements FeedTransport {
  readonly connections: FakeConnection[] = [];

  connect(handlers: TransportHandlers): TransportConnection {
    const conn = new FakeConnection(handlers);
    this.connections.push(conn);
    return conn;
  }

  get last(): FakeConnection {
    const conn = this.connections[this.connections.length - 1];
    if (!conn) throw new Error('no connection opened yet');
    return conn;
  }
}

/** A FrameScheduler stepped by hand: `step()` runs what waits for the next frame. */
export class FakeFrames {
  private waiting = new Set<() => void>();

  readonly schedule = (run: () => void): (() => void) => {
    this.waiting.add(run);
    return () => void this.waiting.delete(run);
  };

  get pending(): number {
    return this.waiting.size;
  }

  /** Runs one frame: everything scheduled before it. */
  step(): void {
    const due = [...this.waiting];
    this.waiting = new Set();
    for (const run of due) run();
  }
}
