/**
 * A small WS client for the exchange's tests: keeps every frame (raw text and JSON.parse result) and
 * waits for the first frame matching a predicate, with a timeout so a test never hangs.
 */
import WebSocket from 'ws';

/**
 * Parsed wire JSON as tests read it. Tests walk deep, shape-varying Kraken payloads and check every value
 * they read with an assertion, so a typed schema would add nothing but noise here.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type WireJson = any;

export interface Frame {
  text: string;
  json: WireJson;
}

export interface TestSocket {
  ws: WebSocket;
  frames: Frame[];
  send(message: unknown): void;
  /** the first frame after index `from` matching `match` */
  next(match: (json: WireJson) => boolean, timeoutMs?: number, from?: number): Promise<Frame>;
  closed: Promise<{ code: number }>;
  close(): Promise<void>;
}

export async function openSocket(url: string): Promise<TestSocket> {
  const ws = new WebSocket(url);
  const frames: Frame[] = [];
  const waiters = new Set<() => void>();
  ws.on('message', (data) => {
    const text = data.toString();
    frames.push({ text, json: JSON.parse(text) });
    for (const wake of waiters) wake();
  });
  const closed = new Promise<{ code: number }>((resolve) => ws.on('close', (code) => resolve({ code })));
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const next = (match: (json: WireJson) => boolean, timeoutMs = 4000, from = 0) =>
    new Promise<Frame>((resolve, reject) => {
      const check = () => {
        const found = frames.slice(from).find((f) => match(f.json));
        if (!found) return false;
        waiters.delete(wake);
        clearTimeout(timer);
        resolve(found);
        return true;
      };
      const wake = () => void check();
      const timer = setTimeout(() => {
        waiters.delete(wake);
        reject(new Error(`no matching frame within ${timeoutMs} ms; last: ${frames.slice(-3).map((f) => f.text.slice(0, 200)).join(' | ')}`));
      }, timeoutMs);
      if (!check()) waiters.add(wake);
    });
  return {
    ws,
    frames,
    send: (message) => ws.send(typeof message === 'string' ? message : JSON.stringify(message)),
    next,
    closed,
    close: async () => {
      if (ws.readyState === WebSocket.CLOSED) return;
      ws.close();
      await closed;
    },
  };
}
