import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import WebSocket, { WebSocketServer } from 'ws';
import { parseWireJson } from '../../../lib/kraken/wire-json';
import type { Trading } from './index';
import { harness, type Harness, type Loose } from './test-helpers';

/** Serves `trading` on 127.0.0.1:<random>/auth/v2 the way the exchange wires it. */
export async function serveAuthSocket(trading: Trading): Promise<{ url: string; close(): Promise<void> }> {
  const wss = new WebSocketServer({ noServer: true });
  const server: Server = createServer((_req, res) => res.end());
  server.on('upgrade', (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => trading.attachPrivateSocket(ws, req)));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}/auth/v2`,
    async close() {
      for (const c of wss.clients) c.terminate();
      const closed = new Promise<void>((r) => server.close(() => r()));
      server.closeAllConnections();
      await closed;
    },
  };
}

export type Frame = Record<string, Loose>;

/** A test client that records frames and waits for ones matching a predicate. */
export class TestSocket {
  readonly frames: Frame[] = [];
  readonly raw: string[] = [];
  private waiters: { pred: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = [];
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const text = data.toString();
      this.raw.push(text);
      const frame = parseWireJson(text) as Frame;
      this.frames.push(frame);
      this.waiters = this.waiters.filter((w) => {
        if (!w.pred(frame)) return true;
        w.resolve(frame);
        return false;
      });
    });
  }
  static async open(url: string): Promise<TestSocket> {
    const ws = new WebSocket(url);
    const s = new TestSocket(ws);
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return s;
  }
  send(msg: unknown): void {
    this.ws.send(typeof msg === 'string' ? msg : JSON.stringify(msg));
  }
  /** Resolves with the first frame (already received or future) matching `pred`; fails after 3 s. */
  next(pred: (f: Frame) => boolean, after = 0): Promise<Frame> {
    const seen = this.frames.slice(after).find(pred);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no matching frame; got ${JSON.stringify(this.frames.slice(-5))}`)), 3000);
      this.waiters.push({ pred, resolve: (f) => { clearTimeout(timer); resolve(f); } });
    });
  }
  close(): void {
    this.ws.terminate();
  }
}

/** A harness, its `/auth/v2` socket served on loopback, a WS token and one open test socket; `done` closes all. */
export async function authSession(): Promise<{ h: Harness; ws: TestSocket; token: string; done(): Promise<void> }> {
  const h = harness();
  const server = await serveAuthSocket(h.trading);
  const token = (await h.ok('GetWebSocketsToken')).token as string;
  const ws = await TestSocket.open(server.url);
  let closed = false;
  const done = async () => {
    if (closed) return;
    closed = true;
    ws.close();
    await server.close();
    await h.trading.close();
  };
  return { h, ws, token, done };
}
