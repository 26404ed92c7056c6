/**
 * The daily limit reads the open-orders list the account pages already load (lib/orders/reads.ts) and asks
 * Kraken (QueryOrders) only about the orders not in it; an old list that still shows a cancelled order
 * never refuses an order the live state allows. Against the built-in exchange.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { Ticket } from '../../lib/orders/ticket';
import { restingBuyPrice, startDeskFixture, type DeskFixture } from './fixture';

let desk: DeskFixture;
let price: string;
/** txids asked about by QueryOrders, one entry per call */
const asked: string[][] = [];

before(async () => {
  desk = await startDeskFixture();
  price = await restingBuyPrice(desk.kraken);
  const query = desk.kraken.private.queryOrders.bind(desk.kraken.private);
  desk.kraken.private.queryOrders = (txids, ...rest) => {
    asked.push([...txids]);
    return query(txids, ...rest);
  };
});
after(() => desk.close());

const ticket = (): Ticket => ({ symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.001', price, idempotencyKey: randomUUID() });

async function place(): Promise<string> {
  const placed = await desk.service.place(desk.trader2, ticket());
  assert.ok('order' in placed.body, JSON.stringify(placed.body));
  return placed.body.order.txid;
}

test('orders in the open-orders list are not looked up again; a cancelled order listed open is checked before a refusal', async () => {
  const n = Number(price) * 0.001;
  await desk.service.setMemberLimits(desk.admin, desk.trader2.id, { maxOrderUsd: null, maxDayUsd: (n * 3.5).toFixed(2), allowedPairs: null, allowedTypes: null });
  const [first, second] = [await place(), await place()];
  await desk.service.reads.orders('open', 'all');
  asked.length = 0;
  const third = await place();
  // (placing looks its own new order up once; the daily limit asked about neither earlier order)
  assert.deepEqual(asked.flat().filter((txid) => txid === first || txid === second), [], 'both earlier orders were in the open list');

  await desk.service.cancel(desk.trader2, first);
  asked.length = 0;
  // the list (still showing `first` open) says 3N used, so N more would pass 3.5N; Kraken says `first` is
  // cancelled unfilled (0), so the live count is 2N and the order fits
  const fourth = await place();
  assert.ok(asked.some((call) => [first, second, third].every((txid) => call.includes(txid))), `the refusal was checked against Kraken: ${JSON.stringify(asked)}`);
  assert.ok(fourth);

  asked.length = 0;
  await assert.rejects(place(), { code: 'limit_daily_notional' }, 'with 3N live a fourth N is above 3.5N');
  for (const txid of [second, third, fourth]) await desk.service.cancel(desk.trader2, txid);
});
