/**
 * The built-in exchange's AddOrder as resting orders pile up (not a test). A paper account or a long demo keeps
 * thousands of open orders, and every order placed checks its funds against all of them:
 *
 *   exchange_add_order_growth = median signed AddOrder with RESTING orders resting ÷ the same with 0–200 resting
 *
 * A flat exchange gives ~1; summing every open order's hold afresh in Decimal gave ~6 at 3,000 (2 ms → 12 ms).
 * One process: the exchange and a keep-alive client; the exchange's clock is stepped so its trading counter never
 * refuses an order.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { keepAliveFetch } from '../kraken-transport';
import { directClient } from '../multi/testing/direct-client';
import { startExchange } from '../simulator/exchange';
import { median } from './stats';

const RESTING = Number(process.env.BENCH_EXCHANGE_RESTING ?? 3000);
const MEASURED = 200;

export async function benchExchangeOrders(): Promise<Record<string, number>> {
  let clock = Date.now();
  const key = { key: 'bench-exchange-orders', secret: randomBytes(64).toString('base64') };
  const exchange = await startExchange({ seed: 7, apiKeys: [key], tier: 'pro', now: () => clock });
  exchange.market.stop();
  const transport = keepAliveFetch();
  try {
    const client = directClient(exchange.restUrl, key, { tier: 'pro', fetch: transport, now: () => clock });
    const restingBuy = async (): Promise<number> => {
      clock += 2000;
      const started = performance.now();
      await client.private.addOrder({ pair: 'BTC/USD', side: 'buy', orderType: 'limit', volume: '0.001', price: '1000.0', clOrdId: randomUUID() });
      return performance.now() - started;
    };
    // the first orders pay for the code's warm-up, so the few-resting figure is taken after them (and a cancel-all)
    for (let i = 0; i < MEASURED; i++) await restingBuy();
    await client.private.cancelAll();
    const few: number[] = [];
    for (let i = 0; i < MEASURED; i++) few.push(await restingBuy());
    for (let i = 0; i < RESTING - 2 * MEASURED; i++) await restingBuy();
    const many: number[] = [];
    for (let i = 0; i < MEASURED; i++) many.push(await restingBuy());
    process.stderr.write(`exchange AddOrder: median ${median(few).toFixed(2)} ms with 0–${MEASURED} resting, ${median(many).toFixed(2)} ms with ${RESTING - MEASURED}–${RESTING}\n`);
    return { exchange_add_order_growth: median(many) / median(few) };
  } finally {
    transport.close();
    await exchange.close();
  }
}
