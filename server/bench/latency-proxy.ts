/**
 * An HTTP proxy in front of the built-in exchange's REST API that holds every request for `delayMs` before passing it
 * on: the round trip to an exchange that is not on this machine. It counts the requests by path, so a bench can say
 * how many calls one of its operations made. Bench-only; loopback only.
 */
import { Agent, createServer, request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LatencyProxy {
  /** the proxy's base URL, used in place of the exchange's REST URL */
  url: string;
  /** requests passed on so far, by path (e.g. `/0/public/Depth`) */
  readonly calls: Map<string, number>;
  close(): Promise<void>;
}

function body(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export async function startLatencyProxy(target: string, delayMs: number): Promise<LatencyProxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true, maxSockets: 32 });
  const calls = new Map<string, number>();
  const server = createServer(async (req, res) => {
    try {
      const payload = await body(req);
      const path = (req.url ?? '/').split('?')[0]!;
      calls.set(path, (calls.get(path) ?? 0) + 1);
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      const headers = { ...req.headers, host: upstream.host };
      const forwarded = request({ host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers, agent }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(res);
      });
      forwarded.on('error', () => res.destroy());
      forwarded.end(payload);
    } catch {
      res.destroy();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    calls,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
