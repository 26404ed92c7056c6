/**
 * What placing costs on Kraken's REST counter (1 unit per private read; AddOrder uses the trading counter). At the
 * starter tier the counter decays 0.33 units/s, so an order path that reads once per order leaves one order every
 * three seconds to a whole team. Counted here, call by call, over the real HTTP transport to the built-in exchange.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import type { FetchLike } from '../../lib/kraken/rest-http';
import { TIER_LIMITS } from '../../lib/kraken/rate-limit';
import { keepAliveFetch, restingBuyPrice, startDeskFixture, type DeskFixture } from './fixture';

const ORDERS = 20;
const calls = new Map<string, number>();
let desk: DeskFixture;
let transport: ReturnType<typeof keepAliveFetch>;

function counting(inner: FetchLike): FetchLike {
  return (url, init) => {
    const method = /\/0\/private\/(\w+)/.exec(String(url))?.[1];
    if (method) calls.set(method, (calls.get(method) ?? 0) + 1);
    return inner(url, init);
  };
}

before(async () => {
  transport = keepAliveFetch();
  desk = await startDeskFixture({ client: { fetch: counting(transport) } });
  // a daily limit far above what these orders use: the limit check runs for every order
  await desk.db.limits.set(desk.trader.id, { maxOrderUsd: null, maxDayUsd: '100000000', allowedPairs: null, allowedTypes: null }, desk.admin.id);
});
after(async () => {
  transport.close();
  await desk.close();
});

test(`${ORDERS} resting orders under a daily limit: the limit check asks Kraken about none of them after the first listing, and status read-backs stay within a quarter of the counter's decay`, async () => {
  const price = await restingBuyPrice(desk.kraken);
  calls.clear();
  const started = Date.now();
  const statuses: string[] = [];
  for (let i = 0; i < ORDERS; i++) {
    const result = await desk.service.place(desk.trader, { symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.001', price, idempotencyKey: randomUUID() });
    assert.ok('order' in result.body, JSON.stringify(result.body));
    statuses.push(result.body.order.status);
  }
  const seconds = (Date.now() - started) / 1000;
  assert.equal(calls.get('AddOrder'), ORDERS);
  // one OpenOrders listing anchors the daily limit; each new order joins it as open (reads.ts noteOpened)
  assert.equal(calls.get('OpenOrders') ?? 0, 1, JSON.stringify([...calls]));
  // read-backs: the burst of 5, then a quarter of the fixture's tier decay (pro: 1 unit/s)
  const readBacks = calls.get('QueryOrders') ?? 0;
  assert.ok(readBacks <= 5 + Math.ceil(seconds * TIER_LIMITS.pro.decayPerSecond / 4), `${readBacks} QueryOrders in ${seconds.toFixed(1)} s`);
  // the answers that were read back say what Kraken says; the rest say `submitted`, never a guess
  assert.deepEqual(statuses.slice(0, 5), ['open', 'open', 'open', 'open', 'open']);
  assert.ok(statuses.every((s) => s === 'open' || s === 'submitted'), statuses.join());
  assert.equal(statuses.filter((s) => s === 'open').length, readBacks);
});

test('an order the listing does not hold is counted at its whole value, and a refusal near the limit asks Kraken again', async () => {
  const price = await restingBuyPrice(desk.kraken);
  // cancel everything outside the desk's view: the kept listing still says open, so the limit counts them all
  await desk.kraken.private.cancelAll();
  const ticket = { symbol: 'BTC/USD', side: 'buy' as const, type: 'limit' as const, volume: '0.001', price };
  const one = await desk.service.preview(desk.trader, { ...ticket, idempotencyKey: randomUUID() });
  // a limit just above one more order on top of what the cancelled orders would count if still open
  await desk.db.limits.set(desk.trader.id, { maxOrderUsd: null, maxDayUsd: String(Math.ceil(Number(one.notionalUsd) * 1.5)), allowedPairs: null, allowedTypes: null }, desk.admin.id);
  calls.clear();
  const result = await desk.service.place(desk.trader, { ...ticket, idempotencyKey: randomUUID() });
  // the kept listing would refuse (20 orders counted open): Kraken is asked, finds them cancelled, and the order goes
  assert.ok('order' in result.body, JSON.stringify(result.body));
  assert.ok((calls.get('QueryOrders') ?? 0) >= 1, JSON.stringify([...calls]));
});
