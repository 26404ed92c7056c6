/**
 * The order path at a trader's pace against an exchange that is not on this machine (not a test). Both the desk and
 * the direct client reach the built-in exchange's REST API through a proxy that adds DELAY_MS to each round trip
 * (latency-proxy.ts; the desk's WebSockets go straight to it), and orders go out PACE_MS apart, as a person sends
 * them, so nothing a previous order loaded a moment ago is still fresh:
 *
 *   order_path_ratio_paced (SQLite), order_path_ratio_paced_postgres = median POST /api/orders round trip ÷ median
 *     direct signed AddOrder
 *   order_path_public_calls_paced = public REST calls (Depth, AssetPairs, Ticker) the desk made per measured order;
 *     each is a round trip to Kraken before the AddOrder can leave
 *
 * One desk under `next start` per store; resting limit buys on BTC/USD.
 */
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { keepAliveFetch } from '../kraken-transport';
import { directClient } from '../multi/testing/direct-client';
import { restingBuyPrice } from '../orders/fixture';
import { startExchange } from '../simulator/exchange';
import { startLatencyProxy } from './latency-proxy';
import { benchKey, deskCall, startBenchDesk } from './order-path-setup';
import { median } from './stats';

const DELAY_MS = Number(process.env.BENCH_PACED_DELAY_MS ?? 20);
const PACE_MS = 1200;
const ORDERS = Number(process.env.BENCH_PACED_ORDERS ?? 20);

const publicCalls = (calls: Map<string, number>) => [...calls].filter(([path]) => path.startsWith('/0/public/')).reduce((sum, [, n]) => sum + n, 0);

/** @param location the desk's store: a SQLite file or a PostgreSQL URL */
export async function benchOrderPathPaced(location: string, dataDir: string): Promise<{ ratio: number; publicCallsPerOrder: number }> {
  const deskKey = benchKey('paced-desk');
  const directKey = benchKey('paced-direct');
  const exchange = await startExchange({ seed: 37, apiKeys: [deskKey, directKey], tier: 'pro' });
  exchange.market.stop();
  const deskProxy = await startLatencyProxy(exchange.restUrl, DELAY_MS);
  const directProxy = await startLatencyProxy(exchange.restUrl, DELAY_MS);
  const transport = keepAliveFetch();
  try {
    const store = location.startsWith('postgres') ? 'postgres' : 'sqlite';
    const bench = await startBenchDesk(`bench-paced-${store}`, { location, dataDir, exchange, restUrl: deskProxy.url, deskKey });
    try {
      const direct = directClient(directProxy.url, directKey, { tier: 'pro', fetch: transport });
      const price = await restingBuyPrice(direct);
      const deskOrder = async () => {
        const answer = await deskCall(transport, bench, 'POST', '/api/orders', { symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.001', price, idempotencyKey: randomUUID() });
        if (answer.status !== 201) throw new Error(`desk order: ${answer.status} ${answer.text}`);
      };
      const directOrder = () => direct.private.addOrder({ pair: 'BTC/USD', side: 'buy', orderType: 'limit', volume: '0.001', price, clOrdId: randomUUID() });
      // warm-up: the first requests' unoptimised code, the session's first use, the pairs' first load
      for (let i = 0; i < 50; i++) await deskCall(transport, bench, 'GET', '/api/me/settings');
      for (let i = 0; i < 3; i++) {
        await deskOrder();
        await directOrder();
      }
      await sleep(PACE_MS);
      const publicBefore = publicCalls(deskProxy.calls);
      const viaDesk: number[] = [];
      const viaDirect: number[] = [];
      for (let i = 0; i < ORDERS; i++) {
        let t = performance.now();
        await deskOrder();
        viaDesk.push(performance.now() - t);
        await sleep(PACE_MS / 2);
        t = performance.now();
        await directOrder();
        viaDirect.push(performance.now() - t);
        await sleep(PACE_MS / 2);
      }
      const perOrder = (publicCalls(deskProxy.calls) - publicBefore) / ORDERS;
      process.stderr.write(`order path paced (${store}, ${DELAY_MS} ms to the exchange, one order per ${PACE_MS / 1000} s): desk median ${median(viaDesk).toFixed(1)} ms, direct median ${median(viaDirect).toFixed(1)} ms, ${perOrder.toFixed(2)} public calls per order; the desk's calls by path ${JSON.stringify(Object.fromEntries(deskProxy.calls))}\n`);
      return { ratio: median(viaDesk) / median(viaDirect), publicCallsPerOrder: perOrder };
    } finally {
      await bench.stop();
    }
  } finally {
    transport.close();
    await deskProxy.close();
    await directProxy.close();
    await exchange.close();
  }
}
