/**
 * Test fixture for the private path: the built-in exchange, an in-memory desk database with one member per
 * role, the process-wide Kraken client and the order service — wired exactly as the desk wires them, over HTTP.
 */
import { openDatabase, type DeskDb, type Member } from '../../lib/db';
import { createKrakenClient, type KrakenClient, type KrakenClientOptions } from '../../lib/kraken/rest';
import { keepAliveFetch } from '../kraken-transport';
import { createOrderService, type OrderService, type OrderServiceDeps } from '../../lib/orders/service';
import { startExchange, type ExchangeOptions, type RunningExchange } from '../simulator/exchange';

export { keepAliveFetch };

export const TEST_KEY = { key: 'orders-test-key', secret: Buffer.from('orders test secret for the built-in exchange').toString('base64') };

/** A shared virtual clock: `sleep` moves time forward at once, so rate-counter waits cost no real time. */
export function virtualClock(start = Date.now()) {
  let t = start;
  return {
    now: () => t,
    sleep: async (ms: number) => {
      t += Math.max(0, ms);
      await new Promise((resolve) => setImmediate(resolve));
    },
    advance: (ms: number) => { t += ms; },
  };
}


export interface DeskFixture {
  exchange: RunningExchange;
  db: DeskDb;
  kraken: KrakenClient;
  service: OrderService;
  admin: Member;
  trader: Member;
  trader2: Member;
  viewer: Member;
  /** POST to the exchange's /control endpoints */
  control(path: string, body: unknown): Promise<unknown>;
  close(): Promise<void>;
}

export async function startDeskFixture(options: {
  exchange?: ExchangeOptions;
  client?: Partial<KrakenClientOptions>;
  service?: Partial<OrderServiceDeps>;
  /** stop the simulated market after start (a still book: deterministic previews, more CPU for the test) */
  stillMarket?: boolean;
  /** the database's clock (row stamps, sessions' sign-in and re-authentication times) */
  dbNow?: () => Date;
} = {}): Promise<DeskFixture> {
  const exchange = await startExchange({ seed: 5, apiKeys: [TEST_KEY], tier: 'pro', ...options.exchange });
  if (options.stillMarket !== false) exchange.market.stop();
  const transport = keepAliveFetch();
  const db = openDatabase(':memory:', { now: options.dbNow });
  const kraken = createKrakenClient({
    restUrl: exchange.restUrl, apiKey: TEST_KEY.key, apiSecret: TEST_KEY.secret, tier: 'pro', timeoutMs: 5000, orderLookupDelayMs: 20,
    fetch: transport, ...options.client,
  });
  // The exchange runs tier pro; the desk's trading rate model must know the same tier.
  const service = createOrderService({ db, kraken, tradingRate: { tier: 'pro' }, ...options.service });
  const make = (username: string, role: Member['role']) => db.members.create({ username, passwordHash: 'x', role });
  const [admin, trader, trader2, viewer] = [await make('ada', 'admin'), await make('tom', 'trader'), await make('tess', 'trader'), await make('vic', 'viewer')];
  return {
    exchange, db, kraken, service, admin, trader, trader2, viewer,
    async control(path, body) {
      const response = await fetch(`${exchange.controlUrl}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
      if (!response.ok) throw new Error(`control ${path}: ${response.status} ${await response.text()}`);
      return response.json();
    },
    async close() {
      transport.close();
      await exchange.close();
      db.close();
    },
  };
}

/** A limit buy 20% under the best bid: rests on the book, never fills. */
export async function restingBuyPrice(kraken: KrakenClient, symbol = 'BTC/USD'): Promise<string> {
  const [ticker] = await kraken.public.ticker([symbol]);
  const pairs = await kraken.public.assetPairs();
  const pair = pairs.find((p) => p.symbol === symbol)!;
  const raw = Number(ticker!.bid) * 0.8;
  const tick = Number(pair.tickSize);
  return (Math.floor(raw / tick) * tick).toFixed(pair.pairDecimals);
}
