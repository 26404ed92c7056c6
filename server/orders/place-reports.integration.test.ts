/**
 * A placement's status from the private feed (lib/orders/order-reports.ts, placed-status.ts): with the desk holding
 * the account's executions feed, POST /api/orders answers with the order's real status and Kraken's reason without
 * a QueryOrders read-back, the same answer a read-back gives; without a complete feed it reads back as before.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import type { DeskOrder } from '../../lib/desk-api/orders';
import { createOrderReports } from '../../lib/orders/order-reports';
import type { PlaceResult } from '../../lib/orders/place';
import type { Ticket } from '../../lib/orders/ticket';
import { createHub, type Hub } from '../hub/hub';
import { createKrakenUpstream } from '../hub/kraken-upstream';
import { until } from '../hub/testing/until';
import { restingBuyPrice, startDeskFixture, type DeskFixture } from './fixture';

const reports = createOrderReports();
let desk: DeskFixture;
let hub: Hub;
let price: string;
let ask: number;
let readBacks = 0;

before(async () => {
  desk = await startDeskFixture({ service: { orderReports: reports, statusReads: { burst: 100, perSecond: 10 } } });
  const queryOrders = desk.kraken.private.queryOrders.bind(desk.kraken.private);
  desk.kraken.private.queryOrders = (...args) => {
    readBacks++;
    return queryOrders(...args);
  };
  hub = createHub({
    upstream: createKrakenUpstream({ url: desk.exchange.wsUrl }),
    privateUpstream: createKrakenUpstream({ url: desk.exchange.wsAuthUrl, getToken: async () => (await desk.kraken.private.getWebSocketsToken()).token }),
  });
  let snapshots = 0;
  hub.watchExecutions({ observe: (kind) => void (kind === 'snapshot' && snapshots++), connection: () => undefined });
  hub.watchExecutions(reports);
  await until(() => snapshots > 0, 5000, 'the executions snapshot');
  price = await restingBuyPrice(desk.kraken);
  ask = Number((await desk.kraken.public.ticker(['BTC/USD']))[0]!.ask);
});
after(async () => {
  await hub.close();
  await desk.close();
});

const ticket = (overrides: Partial<Ticket> = {}): Ticket => ({
  symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.001', price, idempotencyKey: randomUUID(), ...overrides,
});

function orderOf(result: PlaceResult): DeskOrder {
  assert.ok('order' in result.body, `an order: ${JSON.stringify(result.body)}`);
  return result.body.order;
}

/** What a read-back says of the same order now (the test's own call, not counted against the desk). */
async function readBack(order: DeskOrder) {
  readBacks--;
  const [found] = await desk.kraken.private.queryOrders([order.txid]);
  return { status: found?.status, reason: found?.reason, volumeExecuted: found?.volumeExecuted, fee: found?.fee };
}

describe('with the executions feed held, a placement answers from its reports', () => {
  test('IOC → canceled + reason, post-only crossing → canceled + reason, resting → open, market → closed: no read-back, the read-back\'s answer', async (t) => {
    const before = readBacks;
    const crossing = (Math.ceil(ask * 1.01 * 10) / 10).toFixed(1);
    const answers = {
      ioc: orderOf(await desk.service.place(desk.trader, ticket({ timeInForce: 'IOC' }))),
      postOnly: orderOf(await desk.service.place(desk.trader, ticket({ price: crossing, flags: ['post'] }))),
      resting: orderOf(await desk.service.place(desk.trader, ticket())),
      market: orderOf(await desk.service.place(desk.trader, ticket({ type: 'market', price: undefined, volume: '0.0001' }))),
    };
    assert.equal(readBacks - before, 0, 'no QueryOrders after any of the four');
    assert.deepEqual([answers.ioc.status, answers.ioc.reason], ['canceled', 'Immediate or cancel']);
    assert.deepEqual([answers.postOnly.status, answers.postOnly.reason], ['canceled', 'Post only order']);
    assert.deepEqual([answers.resting.status, 'reason' in answers.resting], ['open', false]);
    assert.deepEqual([answers.market.status, Number(answers.market.volumeExecuted)], ['closed', 0.0001]);
    assert.ok(Number(answers.market.fee) > 0, `the market order's fee from its fill: ${answers.market.fee}`);
    for (const [kind, order] of Object.entries(answers)) {
      const known = await readBack(order);
      assert.deepEqual({ status: order.status, reason: order.reason }, { status: known.status, reason: known.reason }, `${kind}: the same status and reason as a read-back`);
      assert.equal(Number(order.volumeExecuted), Number(known.volumeExecuted), `${kind}: the same executed volume`);
      assert.equal(Number(order.fee ?? NaN), Number(known.fee), `${kind}: the same fee (${order.fee} vs ${known.fee})`);
      assert.ok(order.openTime && order.openTime > 0, `${kind}: the open time from the reports`);
    }
    t.diagnostic(`answers: ${Object.entries(answers).map(([k, o]) => `${k} ${o.status}${o.reason ? `/${o.reason}` : ''} fee ${o.fee}`).join(', ')}; read-backs 0`);
  });

  test('20 concurrent placements all answer open from their own reports, with no read-back', async () => {
    const before = readBacks;
    const orders = (await Promise.all(Array.from({ length: 20 }, () => desk.service.place(desk.trader2, ticket())))).map(orderOf);
    assert.deepEqual(orders.map((o) => o.status), Array(20).fill('open'));
    assert.equal(new Set(orders.map((o) => o.txid)).size, 20);
    assert.equal(readBacks - before, 0);
  });
});

describe('without a complete feed, a placement reads its status back', () => {
  test('reports that never had their snapshot are not trusted: one read-back, the same answer', async () => {
    const unfed = createOrderReports();
    const service = (await import('../../lib/orders/service')).createOrderService({
      db: desk.db, kraken: desk.kraken, tradingRate: { tier: 'pro' }, orderReports: unfed, statusReads: { burst: 100, perSecond: 10 },
    });
    const before = readBacks;
    const started = performance.now();
    const ioc = orderOf(await service.place(desk.trader, ticket({ timeInForce: 'IOC' })));
    assert.deepEqual([ioc.status, ioc.reason], ['canceled', 'Immediate or cancel']);
    assert.equal(readBacks - before, 1);
    assert.ok(performance.now() - started < 2_000, 'no wait for reports that cannot come');
  });
});
