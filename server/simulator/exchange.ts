/**
 * The built-in Kraken-compatible exchange on one HTTP server: `/0/public/*` and `/v2` (market side),
 * `/0/private/*` and `/auth/v2` (trading side), `/control/*` (loopback test controls).
 */
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { AuthFeedControl } from './control';
import type { PaperControl } from './control-paper';
import { createExchangeServer } from './exchange-server';
import { startMirrorSource, type MirrorSource, type MirrorSourceOptions } from './mirror/source-feed';
import { Faults } from './faults';
import { Market } from './market';
import { MAX_FRAME_BYTES, PublicFeed } from './public-ws';
import { createTrading, type ApiKeyConfig } from './trading/index';

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
  if (source) followSource(feed, source);
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

  const server = createExchangeServer({ market, faults, feed, trading, authFeed, paper }, authWss, () => Date.now() < authRefuseUntil);

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

/**
 * Kraken's feed does not keep talking while its engine is gone: without the source the mirror's sockets close
 * and new ones are refused, so clients see the drop, reconnect and get fresh snapshots once it is back.
 */
function followSource(feed: PublicFeed, source: MirrorSource): void {
  feed.sourceDown = !source.market.isLive();
  source.market.subscribe((event) => {
    if (event.kind !== 'status') return;
    const down = !source.market.isLive();
    if (down && !feed.sourceDown) feed.drop({});
    feed.sourceDown = down;
  });
}
