/**
 * The desk's order path against a signed AddOrder straight to the same exchange (not a test):
 *
 *   order_path_ratio = median POST /api/orders round trip ÷ median direct signed AddOrder
 *   (goal ≤ 1.5 on SQLite, ≤ 2.0 on PostgreSQL)
 *
 * One desk instance (server/multi/instances.ts) and the built-in exchange in this process; the desk signs with one
 * key and the direct client with another, so neither waits for the other's nonces. Both sign through the same
 * client and keep-alive transport (server/kraken-transport.ts), and this process sends the desk's requests through
 * that same transport too: Node's global fetch costs about 0.5–2 ms more per loopback round trip, and charging that
 * to the desk's leg alone would measure the bench's HTTP client rather than the desk. The kinds of call alternate
 * one by one, so machine load hits all alike. Every order is a resting limit buy.
 *
 * Where the time goes, measured in the same loop:
 *   order_path_route_floor_ratio = median GET /api/health (no session, no database) ÷ direct AddOrder:
 *     what any request through Next's server costs before the desk runs a line of its own
 *   order_path_bare_next_ratio = median GET /api/ping on a bare Next app (bare-next.ts: no desk code at all) ÷
 *     direct AddOrder, in the same loop. A desk order is a Next request that also makes the AddOrder, so its ratio
 *     cannot fall below 1 + this figure whatever the desk's own work costs
 *   order_path_service_ratio (order-path-service.ts) = the order service's place() in this process, with no
 *     HTTP server in front ÷ direct AddOrder
 *   order_path_pg_round_trips (order-path-trips.ts) = statements one order (session admit + place) sends to PostgreSQL
 *   order_path_ratio_paced, order_path_ratio_paced_postgres, order_path_public_calls_paced (order-path-paced.ts): the
 *     same at a trader's pace, with the exchange 20 ms away (the public calls: the larger of the two stores')
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { buildIfNeeded } from '../demo-build';
import { ROOT } from '../multi/instances';
import type { KrakenClient } from '../../lib/kraken/rest';
import { directClient } from '../multi/testing/direct-client';
import { restingBuyPrice } from '../orders/fixture';
import { testPostgres } from '../scripts/postgres-harness';
import { startExchange } from '../simulator/exchange';
import { median } from './stats';
import { keepAliveFetch } from '../kraken-transport';
import { benchKey, deskCall, startBenchDesk, type BenchDesk } from './order-path-setup';
import { benchOrderService } from './order-path-service';
import { benchOrderPathTrips } from './order-path-trips';
import { withBareNextApp } from './bare-next';
import { benchOrderPathPaced } from './order-path-paced';

type Figures = Record<string, number>;
const ORDERS = Number(process.env.BENCH_ORDER_PATH_ORDERS ?? 40);
const WARM_UP_READS = Number(process.env.BENCH_ORDER_PATH_WARM_UP_READS ?? 300);
const WARM_UP_PAIRS = ['ETH/USD', 'SOL/USD'];
const WARM_UP_ORDERS_PER_PAIR = 30;
interface Measured {
  ratio: number;
  /** GET /api/health on the desk ÷ direct AddOrder */
  floor: number;
  /** GET /api/ping on a bare Next app ÷ direct AddOrder */
  bareNext: number;
}

async function measure(store: 'sqlite' | 'postgres', location: string, dataDir: string, bareNextOrigin: string): Promise<Measured> {
  const deskKey = benchKey('desk');
  const directKey = benchKey('direct');
  const exchange = await startExchange({ seed: 31, apiKeys: [deskKey, directKey], tier: 'pro' });
  exchange.market.stop();
  let bench: BenchDesk | undefined;
  try {
    const desk = await startBenchDesk(`bench-${store}`, { location, dataDir, exchange, deskKey });
    bench = desk;
    const transport = keepAliveFetch();
    const direct = directClient(exchange.restUrl, directKey, { tier: 'pro', fetch: transport });
    const price = await restingBuyPrice(direct);
    const order = () => ({ symbol: 'BTC/USD', side: 'buy' as const, type: 'limit' as const, volume: '0.001', price });
    const directOrder = () => direct.private.addOrder({ pair: 'BTC/USD', side: 'buy', orderType: 'limit', volume: '0.001', price, clOrdId: randomUUID() });
    const call = (method: 'GET' | 'POST', path: string, body?: unknown) => deskCall(transport, desk, method, path, body);
    const bareNextPing = async () => (await transport(`${bareNextOrigin}/api/ping`, { method: 'GET', headers: {} })).text();
    // the bare app gets as many warm-up requests as the desk (its first ones run unoptimised code too)
    for (let i = 0; i < 2 * WARM_UP_READS; i++) await bareNextPing();
    await warmUp(call, direct);
    const viaDesk: number[] = [];
    const viaDirect: number[] = [];
    const routeFloor: number[] = [];
    const bareNext: number[] = [];
    const statuses: Record<string, number> = {};
    for (let i = 0; i < ORDERS; i++) {
      let t = performance.now();
      await bareNextPing();
      bareNext.push(performance.now() - t);
      t = performance.now();
      await call('GET', '/api/health');
      routeFloor.push(performance.now() - t);
      t = performance.now();
      const answer = await call('POST', '/api/orders', { ...order(), idempotencyKey: randomUUID() });
      viaDesk.push(performance.now() - t);
      if (answer.status !== 201) throw new Error(`desk order ${i}: ${answer.status} ${answer.text}`);
      const status = String((JSON.parse(answer.text) as { order?: { status?: string } }).order?.status);
      statuses[status] = (statuses[status] ?? 0) + 1;
      t = performance.now();
      await directOrder();
      viaDirect.push(performance.now() - t);
    }
    process.stderr.write(`order path (${store}): desk median ${median(viaDesk).toFixed(1)} ms, direct median ${median(viaDirect).toFixed(1)} ms, GET /api/health median ${median(routeFloor).toFixed(1)} ms, a bare Next app's GET /api/ping median ${median(bareNext).toFixed(1)} ms; answers by status ${JSON.stringify(statuses)}\n`);
    transport.close();
    const directMedian = median(viaDirect);
    return { ratio: median(viaDesk) / directMedian, floor: median(routeFloor) / directMedian, bareNext: median(bareNext) / directMedian };
  } finally {
    await bench?.stop();
    await exchange.close();
  }
}

/**
 * A desk serves for days, so the figure is its steady state, not its first requests' unoptimised code: a few
 * hundred signed-in reads through the same wrapper and session admit, then orders on other pairs than the
 * measured one (Kraken's trading counter is per pair, and the measured orders need its room on BTC/USD).
 */
async function warmUp(call: (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<{ status: number; text: string }>, direct: KrakenClient): Promise<void> {
  for (let i = 0; i < WARM_UP_READS; i++) {
    await call('GET', '/api/health');
    await call('GET', '/api/me/settings');
  }
  const pairs = await direct.public.assetPairs();
  for (const symbol of WARM_UP_PAIRS) {
    const price = await restingBuyPrice(direct, symbol);
    const pair = pairs.find((p) => p.symbol === symbol)!;
    // twice the pair's smallest order, and at least $10 at the resting price (Kraken's minimum cost)
    const volume = Math.max(Number(pair.ordermin ?? 0) * 2, 10 / Number(price)).toFixed(pair.lotDecimals);
    for (let i = 0; i < WARM_UP_ORDERS_PER_PAIR; i++) {
      const answer = await call('POST', '/api/orders', { symbol, side: 'buy', type: 'limit', volume, price, idempotencyKey: randomUUID() });
      if (answer.status !== 201) throw new Error(`warm-up order on ${symbol}: ${answer.status} ${answer.text}`);
      await direct.private.addOrder({ pair: symbol, side: 'buy', orderType: 'limit', volume, price, clOrdId: randomUUID() });
    }
  }
}

async function postgresDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const server = await testPostgres();
  const admin = new pg.Pool({ connectionString: server.url, max: 1 });
  const name = `bench_${randomBytes(5).toString('hex')}`;
  await admin.query(`CREATE DATABASE ${name}`);
  const url = new URL(server.url);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.end();
      server.stop();
    },
  };
}

export async function benchOrderPath(): Promise<Figures> {
  buildIfNeeded(ROOT);
  const dataDir = mkdtempSync(join(tmpdir(), 'kd-bench-order-path-'));
  try {
    return await withBareNextApp(undefined, async (bareNextOrigin) => {
      const sqlite = await measure('sqlite', join(dataDir, 'desk.sqlite'), dataDir, bareNextOrigin);
      const sqlitePaced = await benchOrderPathPaced(join(dataDir, 'paced.sqlite'), dataDir);
      const service = await benchOrderService(join(dataDir, 'service.sqlite'));
      const database = await postgresDatabase();
      try {
        const postgres = await measure('postgres', database.url, dataDir, bareNextOrigin);
        const trips = await benchOrderPathTrips(database.url);
        const postgresPaced = await benchOrderPathPaced(database.url, dataDir);
        return {
          order_path_ratio: sqlite.ratio,
          order_path_ratio_postgres: postgres.ratio,
          order_path_route_floor_ratio: sqlite.floor,
          order_path_bare_next_ratio: sqlite.bareNext,
          order_path_service_ratio: service,
          order_path_pg_round_trips: trips,
          order_path_ratio_paced: sqlitePaced.ratio,
          order_path_ratio_paced_postgres: postgresPaced.ratio,
          order_path_public_calls_paced: Math.max(sqlitePaced.publicCallsPerOrder, postgresPaced.publicCallsPerOrder),
        };
      } finally {
        await database.drop();
      }
    });
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
