/**
 * The exchange's one HTTP server: `/0/public/*`, `/0/private/*` and `/control/*` requests, and the upgrades to
 * `/v2` (public feed) and `/auth/v2` (private feed). exchange.ts builds the parts and starts it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { WebSocketServer } from 'ws';
import { handleControl, type AuthFeedControl } from './control';
import type { PaperControl } from './control-paper';
import type { Faults } from './faults';
import { BadParamsError, BodyTooLargeError, decodeParams, readBody, sendJson } from './http';
import type { Market } from './market';
import { handlePublic } from './public-rest';
import type { PublicFeed } from './public-ws';
import type { Trading } from './trading/index';
import { log } from '../../lib/log';

export interface ExchangeParts {
  market: Market;
  faults: Faults;
  feed: PublicFeed;
  trading: Trading;
  authFeed: AuthFeedControl;
  paper: PaperControl;
}

/** The server, not listening yet; `authRefusing()` is true while a control call refuses new private sockets. */
export function createExchangeServer(parts: ExchangeParts, authWss: WebSocketServer, authRefusing: () => boolean): Server {
  const { feed, trading } = parts;
  const server = createServer((req, res) => {
    onRequest(req, res, parts).catch((error: unknown) => {
      log.error({ err: error }, 'exchange request failed');
      if (!res.headersSent) sendJson(res, 500, { error: ['EGeneral:Internal error'] });
      else res.destroy();
    });
  });
  // Clients pool keep-alive sockets for (server hint − 1 s). With Node's 5 s default a busy event loop can
  // let the server close a socket the client is just reusing (ECONNRESET); a long timeout makes that rare.
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 66_000;
  server.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });
  server.on('upgrade', (req, socket, head) => {
    socket.on('error', () => socket.destroy());
    const path = new URL(req.url ?? '/', 'http://exchange').pathname;
    if (path === '/v2') feed.handleUpgrade(req, socket, head);
    else if (path === '/auth/v2' && authRefusing()) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    } else if (path === '/auth/v2') authWss.handleUpgrade(req, socket, head, (ws) => trading.attachPrivateSocket(ws, req));
    else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });
  return server;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

async function onRequest(req: IncomingMessage, res: ServerResponse, deps: ExchangeParts): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://exchange');
  const path = url.pathname;
  if (path.startsWith('/control/')) {
    await handleControl(req, res, path, deps);
    return;
  }
  const route = /^\/0\/(public|private)\/([A-Za-z0-9]+)$/.exec(path);
  if (!route) {
    sendJson(res, 404, { error: ['EGeneral:Not found'] });
    req.resume();
    return;
  }
  const [, kind, method] = route as unknown as [string, 'public' | 'private', string];
  let body: string;
  try {
    body = req.method === 'POST' ? await readBody(req) : '';
  } catch (error) {
    if (!(error instanceof BodyTooLargeError)) throw error;
    sendJson(res, 413, { error: ['EGeneral:Invalid arguments:body too large'] }, { connection: 'close' });
    return;
  }
  let answer: { body: unknown } | 'drop';
  if (kind === 'public') {
    if (req.method !== 'GET' && req.method !== 'POST') {
      sendJson(res, 405, { error: ['EGeneral:Invalid arguments'] }, { allow: 'GET, POST' });
      return;
    }
    try {
      answer = handlePublic(deps.market, deps.faults, method, decodeParams(url.searchParams, body, header(req, 'content-type')));
    } catch (error) {
      if (!(error instanceof BadParamsError)) throw error;
      answer = { body: { error: ['EGeneral:Invalid arguments'] } };
    }
  } else if (req.method !== 'POST') {
    answer = { body: { error: ['EAPI:Bad request'] } };
  } else {
    answer = await deps.trading.handlePrivate(method, body, {
      apiKey: header(req, 'api-key'),
      apiSign: header(req, 'api-sign'),
      contentType: header(req, 'content-type'),
    });
  }
  if (answer === 'drop') {
    // the "order placed but response lost" fault: the work happened, the answer never arrives
    req.socket.destroy();
    return;
  }
  sendJson(res, 200, answer.body);
}
