import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import type { SseFeed } from '../sse-transport';

/**
 * Serves an SseFeed's `(Request) => Response` functions on a loopback port, as Next's route handler does:
 * the request becomes a web Request, the Response body is written with the socket's backpressure, and a
 * browser that goes away cancels the body. `extra` handles everything else (e.g. `/ws` upgrades).
 */
export async function serveFeed(feed: SseFeed, configure?: (server: Server) => void): Promise<{ base: string; server: Server; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (!req.url?.startsWith('/api/feed') || (req.method !== 'GET' && req.method !== 'POST')) {
      res.writeHead(404).end();
      return;
    }
    void answer(feed, req, res);
  });
  configure?.(server);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    base,
    server,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

async function answer(feed: SseFeed, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers.set(name, value);
    else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
  }
  const post = req.method === 'POST';
  const request = new Request(`http://${req.headers.host ?? '127.0.0.1'}${req.url}`, {
    method: req.method,
    headers,
    ...(post ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: 'half' } : {}),
  } as RequestInit);
  const response = await (post ? feed.post(request) : feed.get(request));
  res.writeHead(response.status, Object.fromEntries(response.headers));
  if (!response.body) return void res.end();
  const reader = response.body.getReader();
  res.on('close', () => void reader.cancel().catch(() => undefined));
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (!res.write(value)) await new Promise((r) => res.once('drain', r).once('close', r));
    }
  } catch {
    // cancelled: the browser went away
  }
  res.end();
}
