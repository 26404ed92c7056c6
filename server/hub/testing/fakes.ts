import type { ExchangeStatus } from '../../../lib/kraken/types';
import type { FeedState } from '../../../lib/protocol';
import type { Sink } from '../connection';
import type { Frame } from '../frames';
import { upstreamKeyId, type Upstream, type UpstreamData, type UpstreamKey, type UpstreamListener } from '../upstream';

/** Test doubles for the hub's two seams: the upstream connection and a browser connection. */

export class FakeUpstream implements Upstream {
  state: FeedState = 'connecting';
  /** currently wanted upstream keys by id */
  readonly wanted = new Map<string, UpstreamKey>();
  /** every call, in order: `sub book:BTC/USD:10`, `unsub …`, `resub …` */
  readonly calls: string[] = [];
  private listeners = new Set<UpstreamListener>();
  closed = false;

  subscribe(key: UpstreamKey): void {
    this.calls.push(`sub ${upstreamKeyId(key)}`);
    this.wanted.set(upstreamKeyId(key), key);
  }

  unsubscribe(key: UpstreamKey): void {
    this.calls.push(`unsub ${upstreamKeyId(key)}`);
    this.wanted.delete(upstreamKeyId(key));
  }

  resubscribe(key: UpstreamKey): void {
    this.calls.push(`resub ${upstreamKeyId(key)}`);
  }

  listen(listener: UpstreamListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async close(): Promise<void> {
    this.closed = true;
  }

  setState(state: FeedState): void {
    this.state = state;
    for (const l of this.listeners) l.state(state);
  }

  setExchange(status: ExchangeStatus): void {
    for (const l of this.listeners) l.exchange(status);
  }

  emit(message: UpstreamData): void {
    for (const l of this.listeners) l.data(message);
  }

  reject(key: UpstreamKey, reason: string): void {
    this.wanted.delete(upstreamKeyId(key));
    for (const l of this.listeners) l.rejected(key, reason);
  }
}

/** A browser connection that records frames; `buffered` simulates bytes stuck in the socket. */
export class FakeSink implements Sink {
  readonly frames: Frame[] = [];
  buffered = 0;
  /** when true every sent frame adds its size to `buffered` (a stalled reader) */
  stalled = false;
  closedWith: { code: number; reason: string } | undefined;

  constructor(readonly memberId?: number) {}

  send(frame: Frame): void {
    this.frames.push(frame);
    if (this.stalled) this.buffered += frame.length;
  }

  bufferedBytes(): number {
    return this.buffered;
  }

  close(code: number, reason: string): void {
    this.closedWith = { code, reason };
  }

  /** Frames decoded as JSON. */
  messages(): Array<Record<string, unknown>> {
    return this.frames.map((f) => JSON.parse(f.toString('utf8')) as Record<string, unknown>);
  }

  clear(): void {
    this.frames.length = 0;
  }
}
