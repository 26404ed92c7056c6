/**
 * The feed client's only view of the network, so it can change transport: something that opens a connection, delivers
 * text messages and reports how it closed. The WebSocket implementation is below; the Server-Sent Events one
 * is sse-transport.ts, fallback-transport.ts picks between them, and tests use a fake.
 */

export interface TransportHandlers {
  onOpen(): void;
  /** one inbound message, not yet parsed: one or more hub frames (lib/protocol-basics splitFrames) */
  onMessage(text: string): void;
  /** the connection ended (or never opened); `code` follows WebSocket close codes (1006 = dropped) */
  onClose(code: number, reason: string): void;
}

export interface TransportConnection {
  send(text: string): void;
  close(code?: number, reason?: string): void;
}

export interface FeedTransport {
  /** Opens one connection; exactly one `onClose` follows, however it ends. */
  connect(handlers: TransportHandlers): TransportConnection;
}

/** The subset of the browser's WebSocket constructor the transport needs (injectable for tests). */
export interface FeedSocket {
  readonly readyState: number;
  onopen: ((ev: unknown) => void) | null;
  onmessage: ((ev: { data: unknown }) => void) | null;
  onclose: ((ev: { code: number; reason: string }) => void) | null;
  onerror: ((ev: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
}
export type FeedSocketConstructor = new (url: string) => FeedSocket;

const OPEN = 1;

/** `/ws` on the page's own origin: `wss:` under https, `ws:` otherwise. */
export function sameOriginFeedUrl(location: { protocol: string; host: string }, path = '/ws'): string {
  return `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}${path}`;
}

/** A transport over one WebSocket per connection. */
export function webSocketTransport(url: string, Ctor: FeedSocketConstructor): FeedTransport {
  return {
    connect(handlers) {
      const socket = new Ctor(url);
      let closed = false;
      const finish = (code: number, reason: string) => {
        if (closed) return;
        closed = true;
        socket.onopen = socket.onmessage = socket.onclose = socket.onerror = null;
        handlers.onClose(code, reason);
      };
      socket.onopen = () => handlers.onOpen();
      socket.onmessage = (ev) => {
        if (typeof ev.data === 'string') handlers.onMessage(ev.data);
      };
      // an error is always followed by close in browsers; the close carries the code
      socket.onerror = () => undefined;
      socket.onclose = (ev) => finish(ev.code, ev.reason);
      return {
        send(text) {
          if (socket.readyState === OPEN) socket.send(text);
        },
        close(code = 1000, reason = '') {
          try {
            socket.close(code, reason);
          } finally {
            finish(code, reason);
          }
        },
      };
    },
  };
}
