/**
 * PostgreSQL round trips of one order through the desk's path (not a test): the session admit (resolveMember) and
 * the order service's place() wired as the desk wires them on PostgreSQL — the shared signer turn, REST counter
 * and trading-rate levels — against the built-in exchange. Every statement any pool of the store sends is counted
 * (pg's Client.query), so the figure is what the database sees, whichever repository sends it.
 *
 *   order_path_pg_round_trips = statements per order (median of the orders measured)
 *
 * `BENCH_TRIPS_VERBOSE=1` lists the statements of one order.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import type { DeskDb } from '../../lib/db';
import { logStatements } from '../../lib/db/contract/pg-statements';
import { openPostgresDatabase } from '../../lib/db/postgres/database';
import { createOrderService } from '../../lib/orders/service';
import type { Ticket } from '../../lib/orders/ticket';
import { resolveMember, startSession } from '../../lib/session';
import { keepAliveFetch } from '../kraken-transport';
import { directClient } from '../multi/testing/direct-client';
import { restingBuyPrice } from '../orders/fixture';
import { startExchange } from '../simulator/exchange';
import { median } from './stats';

const ORDERS = Number(process.env.BENCH_ORDER_PATH_ORDERS ?? 10);

/** Round trips per order on the PostgreSQL at `url` (a migrated database or an empty one). */
export async function benchOrderPathTrips(url: string): Promise<number> {
  const deskKey = { key: 'bench-trips', secret: randomBytes(64).toString('base64') };
  const exchange = await startExchange({ seed: 41, apiKeys: [deskKey], tier: 'pro' });
  exchange.market.stop();
  const transport = keepAliveFetch();
  let db: DeskDb | undefined;
  const statements = logStatements();
  try {
    db = openPostgresDatabase(url);
    await db.ready();
    const kraken = directClient(exchange.restUrl, deskKey, { tier: 'pro', fetch: transport, ...db.shared.krakenKey(deskKey.key, { tier: 'pro' }) });
    const service = createOrderService({ db, kraken, tradingRate: { tier: 'pro' } });
    const member = await db.members.create({ username: 'bench-trips', passwordHash: 'not-a-login', role: 'trader' });
    const cookie = await startSession(db, member);
    const price = await restingBuyPrice(kraken);
    const order = async () => {
      const admitted = await resolveMember(db!, cookie);
      if (!admitted) throw new Error('the bench session was not admitted');
      const ticket = { symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.001', price, idempotencyKey: randomUUID() } as Ticket;
      const answer = await service.place(admitted, ticket);
      if (answer.status !== 201) throw new Error(`order: ${answer.status} ${JSON.stringify(answer.body)}`);
    };
    // warm-up: AssetPairs, the first session touch, the level rows' first inserts
    for (let i = 0; i < 3; i++) await order();
    const counts: number[] = [];
    for (let i = 0; i < ORDERS; i++) {
      statements.take();
      await order();
      const sent = statements.take();
      counts.push(sent.length);
      if (i === 0 && process.env.BENCH_TRIPS_VERBOSE) process.stderr.write(`${sent.map((s) => `  ${s.slice(0, 160)}`).join('\n')}\n`);
    }
    process.stderr.write(`order path (postgres): ${median(counts)} statements per order (admit + place), min ${Math.min(...counts)}, max ${Math.max(...counts)}\n`);
    return median(counts);
  } finally {
    statements.restore();
    transport.close();
    await db?.close();
    await exchange.close();
  }
}
