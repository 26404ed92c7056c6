/**
 * The desk's order service alone (not a test): `place()` called in this process on a SQLite file database,
 * with no HTTP server in front, against a signed AddOrder straight to the same exchange through the same
 * client and transport. order-path.ts reports it as order_path_service_ratio: what the desk's own checks,
 * idempotency claim and audit rows add to an order, apart from the web server's per-request cost.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { openDatabase } from '../../lib/db';
import { createOrderService } from '../../lib/orders/service';
import type { Ticket } from '../../lib/orders/ticket';
import { keepAliveFetch } from '../kraken-transport';
import { directClient } from '../multi/testing/direct-client';
import { restingBuyPrice } from '../orders/fixture';
import { startExchange } from '../simulator/exchange';
import { median } from './stats';

const ORDERS = Number(process.env.BENCH_ORDER_PATH_ORDERS ?? 40);

export async function benchOrderService(location: string): Promise<number> {
  const deskKey = { key: 'bench-service', secret: randomBytes(64).toString('base64') };
  const directKey = { key: 'bench-service-direct', secret: randomBytes(64).toString('base64') };
  const exchange = await startExchange({ seed: 37, apiKeys: [deskKey, directKey], tier: 'pro' });
  exchange.market.stop();
  const transport = keepAliveFetch();
  const db = openDatabase(location);
  const kraken = directClient(exchange.restUrl, deskKey, { tier: 'pro', fetch: transport });
  const direct = directClient(exchange.restUrl, directKey, { tier: 'pro', fetch: transport });
  try {
    const service = createOrderService({ db, kraken, tradingRate: { tier: 'pro' } });
    const member = await db.members.create({ username: 'bench', passwordHash: 'not-a-login', role: 'trader' });
    const price = await restingBuyPrice(direct);
    const ticket = (): Ticket => ({ symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.001', price, idempotencyKey: randomUUID() }) as Ticket;
    const directOrder = () => direct.private.addOrder({ pair: 'BTC/USD', side: 'buy', orderType: 'limit', volume: '0.001', price, clOrdId: randomUUID() });
    for (let i = 0; i < 3; i++) {
      await service.place(member, ticket());
      await directOrder();
    }
    const viaService: number[] = [];
    const viaDirect: number[] = [];
    for (let i = 0; i < ORDERS; i++) {
      let t = performance.now();
      const answer = await service.place(member, ticket());
      if (answer.status !== 201) throw new Error(`service order ${i}: ${answer.status} ${JSON.stringify(answer.body)}`);
      viaService.push(performance.now() - t);
      t = performance.now();
      await directOrder();
      viaDirect.push(performance.now() - t);
    }
    process.stderr.write(`order service alone (sqlite): place median ${median(viaService).toFixed(1)} ms, direct median ${median(viaDirect).toFixed(1)} ms\n`);
    return median(viaService) / median(viaDirect);
  } finally {
    transport.close();
    db.close();
    await exchange.close();
  }
}
