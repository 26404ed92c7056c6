import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';

export type UpgradeHandler = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

/**
 * One `upgrade` listener for the real server: `/ws` goes to the hub, everything else (dev HMR at
 * `/_next/hmr`) to Next's decoy server; an upgrade nobody handles is refused instead of left hanging.
 */
export function routeUpgrades(routes: { ws?: UpgradeHandler; next: { emit(e: 'upgrade', ...a: unknown[]): boolean; listenerCount(e: string): number } }): UpgradeHandler {
  return (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const path = (req.url ?? '/').split('?')[0];
    if (path === '/ws' && routes.ws) {
      routes.ws(req, socket, head);
      return;
    }
    if (routes.next.listenerCount('upgrade') > 0) {
      routes.next.emit('upgrade', req, socket, head);
      return;
    }
    socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  };
}
