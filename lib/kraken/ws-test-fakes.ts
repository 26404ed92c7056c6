/**
 * Test doubles for the WS client: a manual clock with timers and an in-memory WebSocket the test drives
 * from the "server" side. Used only by *.test.ts files; no real sockets, no real time.
 */
import type { TimerApi, WebSocketLike } from './ws-types';

export class FakeClock implements TimerApi {
  private time = 1_700_000_000_000;
  private nextId = 1;
  private readonly timers = new Map<number, { at: number; fn: () => void }>();

  now = (): number => this.time;

  setTimeout = (fn: () => void, ms: number): unknown => {
    const id = this.nextId++;
    this.timers.set(id, { at: this.time + Math.max(0, ms), fn });
    return id;
  };

  clearTimeout = (handle: unknown): void => {
    this.timers.delete(handle as number);
  };

  /** Moves time forward, running due timers in order (including ones they schedule). */
  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      let nextId: number | undefined;
      let nextAt = Infinity;
      for (const [id, t] of this.timers) {
        if (t.at <= end && t.at < nextAt) {
          nextAt = t.at;
          nextId = id;
        }
      }
      if (nextId === undefined) break;
      const timer = this.timers.get(nextId) as { at: number; fn: () => void };
      this.timers.delete(nextId);
      this.time = timer.at;
      timer.fn();
    }
    this.time = end;
  }

  pendingTimers(): number {
    return this.timers.size;
  }
}

export class FakeWebSocket implements WebSocketLike {
  static instances: FakeWebSocket[] = [];
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly sent: string[] = [];
  closedWith: { code?: number; reason?: string } | undefined;

  constructor(readonly url: string) {
    FakeWebSocket.instances.push(this);
  }

  static reset(): void {
    FakeWebSocket.instances = [];
  }

  static latest(): FakeWebSocket {
    const ws = FakeWebSocket.instances.at(-1);
    if (!ws) throw new Error('no socket was created');
    return ws;
  }

  send(data: string): void {
    if (this.readyState !== 1) throw new Error('send on a socket that is not open');
    this.sent.push(data);
  }

  close(code?: number, reason?: string): void {
    this.closedWith = { code, reason };
    this.readyState = 3;
  }

  // --- the server side ---

  serverOpen(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  serverSend(message: unknown): void {
    this.onmessage?.({ data: typeof message === 'string' ? message : JSON.stringify(message) });
  }

  serverClose(code = 1006, reason = ''): void {
    this.readyState = 3;
    this.onclose?.({ code, reason });
  }

  /** Requests the client sent, parsed. */
  requests(): { method: string; params?: Record<string, unknown>; req_id: number }[] {
    return this.sent.map((text) => JSON.parse(text) as { method: string; params?: Record<string, unknown>; req_id: number });
  }

  lastRequest(method: string): { method: string; params?: Record<string, unknown>; req_id: number } {
    const found = this.requests().filter((r) => r.method === method).at(-1);
    if (!found) throw new Error(`no ${method} request was sent`);
    return found;
  }

  /** Acks every symbol of a subscribe/unsubscribe request the way Kraken does: one response per symbol. */
  ackAll(request: { method: string; params?: Record<string, unknown>; req_id: number }): void {
    const params = request.params ?? {};
    const symbols = (params.symbol as string[] | undefined) ?? [undefined];
    for (const symbol of symbols) {
      const result: Record<string, unknown> = { channel: params.channel };
      if (symbol) result.symbol = symbol;
      if (params.depth !== undefined) result.depth = params.depth;
      if (params.interval !== undefined) result.interval = params.interval;
      this.serverSend({ method: request.method, req_id: request.req_id, success: true, result });
    }
  }
}
