import { Conn, type FlowCounters, type FlowLimits, type Sink } from './connection';
import { snapshotFrames, type Topic } from './topics';

/**
 * The hub's browser side: the open connections, each one's topics, and the sweep that sends a fresh
 * snapshot to a connection that fell behind once it has drained. Dropping a topic's last browser is
 * handed to `releaseTopic` (the feed side decides when the upstream subscription goes).
 */
export class HubConns {
  readonly all = new Set<Conn<Topic>>();
  private sweep: NodeJS.Timeout | undefined;

  constructor(
    private readonly limits: FlowLimits,
    readonly counters: FlowCounters,
    private readonly drainCheckMs: number,
    private readonly releaseTopic: (topic: Topic) => void,
    private readonly tooSlow: (conn: Conn<Topic>) => void,
  ) {}

  open(sink: Sink): Conn<Topic> {
    const conn = new Conn<Topic>(sink, this.limits, this.counters, this.tooSlow);
    this.all.add(conn);
    this.startSweep();
    return conn;
  }

  /** Takes `conn` off `topic`; the topic's last browser leaving releases it. */
  release(conn: Conn<Topic>, topic: Topic): void {
    conn.topics.delete(topic);
    conn.owed.delete(topic);
    topic.conns.delete(conn);
    if (topic.conns.size === 0) this.releaseTopic(topic);
  }

  /** The connection ended (the transport's close): release its topics; the sweep stops with the last one. */
  detach(conn: Conn<Topic>): void {
    if (conn.closed) return;
    conn.closed = true;
    for (const topic of [...conn.topics]) this.release(conn, topic);
    this.all.delete(conn);
    if (this.all.size === 0 && this.sweep) {
      clearInterval(this.sweep);
      this.sweep = undefined;
    }
  }

  /** The hub ends the connection (too slow, member revoked, shutdown): detach, then close the socket with `code`. */
  close(conn: Conn<Topic>, code: number, reason: string): void {
    if (conn.closed) return;
    this.detach(conn);
    conn.sink.close(code, reason);
  }

  /** Closes every connection of one member; returns how many. */
  closeMember(memberId: number, code: number, reason: string): number {
    let closed = 0;
    for (const conn of [...this.all]) {
      if (conn.sink.memberId !== memberId) continue;
      this.close(conn, code, reason);
      closed++;
    }
    return closed;
  }

  closeAll(code: number, reason: string): void {
    for (const conn of [...this.all]) this.close(conn, code, reason);
    if (this.sweep) clearInterval(this.sweep);
  }

  backlogStats(): { bufferedMax: number; bufferedTotal: number; backlogMax: number } {
    let bufferedMax = 0;
    let bufferedTotal = 0;
    let backlogMax = 0;
    for (const conn of this.all) {
      const b = conn.sink.bufferedBytes();
      bufferedTotal += b;
      if (b > bufferedMax) bufferedMax = b;
      backlogMax = Math.max(backlogMax, conn.backlog());
    }
    return { bufferedMax, bufferedTotal, backlogMax };
  }

  private startSweep(): void {
    if (this.sweep) return;
    this.sweep = setInterval(() => {
      for (const conn of this.all) {
        if (conn.owed.size === 0 || !conn.drained()) continue;
        for (const topic of [...conn.owed]) {
          const frames = snapshotFrames(topic);
          if (frames) conn.sendSnapshot(topic, frames);
        }
      }
    }, this.drainCheckMs);
    this.sweep.unref();
  }
}
