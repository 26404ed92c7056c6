import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createWsUpgradeHandler, type WsUpgradeHandler, type WsUpgradeOptions } from '../ws-transport';

export interface ServedWs {
  /** ws://127.0.0.1:<port>/ws */
  url: string;
  handler: WsUpgradeHandler;
  /** Stops the handler, then the hub, then the HTTP server. */
  close(): Promise<void>;
}

/** The hub's /ws upgrade handler on an ephemeral 127.0.0.1 port, as the desk's server mounts it. */
export async function serveWs(options: WsUpgradeOptions): Promise<ServedWs> {
  const handler = createWsUpgradeHandler(options);
  const server = createServer((_req, res) => res.end());
  server.on('upgrade', handler);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
  const close = async () => {
    await handler.close();
    await options.hub.close();
    await new Promise<void>((r) => server.close(() => r()));
  };
  return { url, handler, close };
}
