/**
 * The built-in Kraken-compatible exchange on one HTTP server: `/0/public/*` and `/v2` (market side),
 * `/0/private/*` and `/auth/v2` (trading side), `/control/*` (loopback test controls).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { handleControl, type AuthFeedControl } from './control';
import type { PaperControl } from './control-paper';
import { startMirrorSource, type MirrorSourceOptions } from './mirror/source-feed';
import { Faults } from './faults';
import { BadParamsError, BodyTooLargeError, decodeParams, readBody, sendJson } from './http';
import { Market } from './market';
import { handlePublic } from './public-rest';
import { MAX_FRAME_BYTES, PublicFeed } from './public-ws';
import { createTrading, type ApiKeyConfig, type Trading } from './trading/index';
import { log } from '../../lib/log';

export interface ExchangeOptions {
  port?: number;
  host?: string;
  seed?: number;
  dataDir?: string;
  apiKeys?: ApiKeyConfig[];
  nonceWindow?: number;
  tier?: 'starter' | 'intermediate' | 'pro';
  /** Unix ms clock (tests inject one) */
  now?: () => number;
  /** mirror mode: take the market from this Kraken-compatible public API instead of the synthetic walk */
  mirror?: Omit<MirrorSourceOptions, 'now'>;
  /** the paper account's starting balances, common code → amount */
  paperBalances?: Record<string, string>;
}

export interface RunningExchange {
  /** base for REST, e.g. http://127.0.0.1:3001 (append /0/public/Time) */
  restUrl: string;
  /** public WS v2, e.g. ws://127.0.0.1:3001/v2 */
  wsUrl: string;
  /** private WS v2, e.g. ws://127.0.0.1:3001/auth/v2 */
  wsAuthUrl: string;
  /** e.g. http://127.0.0.1:3001/control */
  controlUrl: string;
  port: number;
  /** the market, for in-process tests */
  market: Market;
  close(): Promise<void>;
}

export const DEFAULT_SEED = 1;

export async function startExchange(options: ExchangeOptions = {}): Promise<RunningExchange> {
  const host = options.host ?? '127.0.0.1';
  const source = options.mirror ? await startMirrorSource({ ...options.mirror, now: options.now }) : undefined;
  const market = source?.market ?? new Market({ seed: options.seed ?? DEFAULT_SEED, now: options.now });
  const faults = new Faults();
  const feed = new PublicFeed(market);
  if (source) {
    // Kraken's feed does not keep talking while its engine is gone: without the source the mirror's sockets close
    // and new ones are refused, so clients see the drop, reconnect and get fresh snapshots once it is back
    feed.sourceDown = !source.market.isLive();
    market.subscribe((event) => {
      if (event.kind !== 'status') return;
      const down = !source.market.isLive();
      if (down && !feed.sourceDown) feed.drop({});
      feed.sourceDown = down;
    });
  }
  const trading = createTrading({
    market,
    faults,
    dataDir: options.dataDir,
    apiKeys: options.apiKeys ?? [],
    nonceWindow: options.nonceWindow,
    tier: options.tier,
    now: options.now,
    paperBalances: options.paperBalances,
  });
  const paper: PaperControl = {
    startingBalances: () => trading.startingBalances,
    reset: () => trading.resetPaper(),
    source: () => source?.state(),
  };
  const authWss = new WebSocketServer({ noServer: true, maxPayload: MAX_FRAME_BYTES });
  let authRefuseUntil = 0;
  const authFeed: AuthFeedControl = {
    drop({ refuseMs, code }) {
      if (refuseMs && refuseMs > 0) authRefuseUntil = Date.now() + refuseMs;
      const sockets = [...authWss.clients];
      for (const ws of sockets) {
        if (code) ws.close(code, 'dropped by control');
        else ws.terminate();
      }
      return sockets.length;
    },
  };

  const server = createServer((req, res) => {
    onRequest(req, res, { market, faults, feed, trading, authFeed, paper }).catch((error: unknown) => {
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
    else if (path === '/auth/v2' && Date.now() < authRefuseUntil) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    } else if (path === '/auth/v2') authWss.handleUpgrade(req, socket, head, (ws) => trading.attachPrivateSocket(ws, req));
    else socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  market.start();
  const port = (server.address() as AddressInfo).port;
  const hostPart = host.includes(':') ? `[${host}]` : host;
  const restUrl = `http://${hostPart}:${port}`;
  let closing: Promise<void> | undefined;
  return {
    restUrl,
    wsUrl: `ws://${hostPart}:${port}/v2`,
    wsAuthUrl: `ws://${hostPart}:${port}/auth/v2`,
    controlUrl: `${restUrl}/control`,
    port,
    market,
    close: () => {
      closing ??= (async () => {
        market.stop();
        source?.close();
        await feed.close();
        for (const ws of authWss.clients) ws.terminate();
        await trading.close();
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      })();
      return closing;
    },
  };
}

interface Deps {
  market: Market;
  faults: Faults;
  feed: PublicFeed;
  trading: Trading;
  authFeed: AuthFeedControl;
  paper: PaperControl;
}

const header = (req: IncomingMessage, name: string): string | undefined => {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

async function onRequest(req: IncomingMessage, res: ServerResponse, deps: Deps): Promise<void> {
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
