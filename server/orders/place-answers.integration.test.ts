/**
 * What POST /api/orders answers right after placing: the order's real status from the exchange (an IOC or post-only
 * order cancelled at once says `canceled` with Kraken's reason), 503 `exchange_unreachable` when the exchange cannot
 * be reached, and the daily limit counting what was filled plus what is still open (cancelled orders free it).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createKrakenClient } from '../../lib/kraken/rest';
import { createOrderService } from '../../lib/orders/service';
import type { PlaceResult } from '../../lib/orders/place';
import type { Ticket } from '../../lib/orders/ticket';
import { keepAliveFetch, restingBuyPrice, startDeskFixture, TEST_KEY, virtualClock, type DeskFixture } from './fixture';

let desk: DeskFixture;
let price: string;
let ask: number;
const clock = virtualClock();

before(async () => {
  // A status-read budget large enough that every answer here carries the status read back from the exchange.
  desk = await startDeskFixture({ exchange: { now: clock.now }, client: { now: clock.now, sleep: clock.sleep }, service: { tradingRate: { tier: 'pro' }, statusReads: { burst: 100, perSecond: 10 } } });
  price = await restingBuyPrice(desk.kraken);
  ask = Number((await desk.kraken.public.ticker(['BTC/USD']))[0]!.ask);
});
after(() => desk.close());

const ticket = (overrides: Partial<Ticket> = {}): Ticket => ({
  symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.001', price, idempotencyKey: randomUUID(), ...overrides,
});
const NO_LIMITS = { maxOrderUsd: null, maxDayUsd: null, allowedPairs: null, allowedTypes: null };

function orderOf(result: PlaceResult) {
  assert.ok('order' in result.body, `an order: ${JSON.stringify(result.body)}`);
  return result.body.order;
}

describe('the place answer carries the order\'s status', () => {
  test('IOC cancelled at once → canceled + "Immediate or cancel"; post-only crossing → canceled + "Post only order"; resting → open; market → closed', async (t) => {
    const ioc = orderOf(await desk.service.place(desk.trader, ticket({ timeInForce: 'IOC' })));
    assert.deepEqual([ioc.status, ioc.reason], ['canceled', 'Immediate or cancel']);
    const crossing = (Math.ceil(ask * 1.01 * 10) / 10).toFixed(1);
    const post = orderOf(await desk.service.place(desk.trader, ticket({ price: crossing, flags: ['post'] })));
    assert.deepEqual([post.status, post.reason], ['canceled', 'Post only order']);
    const resting = orderOf(await desk.service.place(desk.trader, ticket()));
    assert.equal(resting.status, 'open');
    assert.equal('reason' in resting, false, 'no reason while open');
    const market = orderOf(await desk.service.place(desk.trader, ticket({ type: 'market', price: undefined, volume: '0.0001' })));
    assert.equal(market.status, 'closed');
    t.diagnostic(`answers: IOC ${ioc.status}/${ioc.reason}, post-only ${post.status}/${post.reason}, resting ${resting.status}, market ${market.status}`);
    const repeat = await desk.service.place(desk.trader, { ...ticket({ timeInForce: 'IOC' }), idempotencyKey: ioc.clOrdId! });
    assert.equal(repeat.replayed, true);
    assert.deepEqual([orderOf(repeat).status, orderOf(repeat).reason], ['canceled', 'Immediate or cancel'], 'a repeat replays the same answer');
  });
});

describe('the daily limit counts filled plus still-open value', () => {
  test('a cancelled order and an IOC that never traded free their share; open and filled orders count', async () => {
    const n = Number(price) * 0.001;
    const day = new Date(clock.now()).toISOString().slice(0, 10);
    const used = Number(await desk.db.deskOrders.dayNotional(desk.trader2.id, day));
    assert.equal(used, 0);
    await desk.service.setMemberLimits(desk.admin, desk.trader2.id, { ...NO_LIMITS, maxDayUsd: (n * 2.5).toFixed(2) });
    const cancelled = orderOf(await desk.service.place(desk.trader2, ticket()));
    await desk.service.cancel(desk.trader2, cancelled.txid);
    const ioc = orderOf(await desk.service.place(desk.trader2, ticket({ timeInForce: 'IOC' })));
    assert.equal(ioc.status, 'canceled');
    const open = orderOf(await desk.service.place(desk.trader2, ticket()));
    // Counting every placement (the old rule) this fourth order would be 4N > 2.5N; open N + this N fits.
    const second = await desk.service.place(desk.trader2, ticket());
    assert.equal(second.status, 201, 'cancelled and unfilled orders no longer count');
    await assert.rejects(desk.service.place(desk.trader2, ticket()), { code: 'limit_daily_notional', message: /above your daily limit/ });
    // Filled value counts: a market buy's cost uses the day too.
    await desk.service.cancel(desk.trader2, orderOf(second).txid);
    const filled = orderOf(await desk.service.place(desk.trader2, ticket({ type: 'market', price: undefined, volume: '0.0005' })));
    assert.equal(filled.status, 'closed');
    await assert.rejects(desk.service.place(desk.trader2, ticket({ volume: '0.0012' })), { code: 'limit_daily_notional' }, 'open N + filled ~0.6N + 1.2N > 2.5N');
    assert.equal((await desk.service.place(desk.trader2, ticket({ volume: '0.0008' }))).status, 201, 'open N + filled ~0.6N + 0.8N fits');
    await desk.service.cancel(desk.trader2, open.txid);
    await desk.service.setMemberLimits(desk.admin, desk.trader2.id, NO_LIMITS);
  });
});

describe('the exchange unreachable', () => {
  test('no book or rate because the exchange is down → 503 exchange_unreachable (not 422 notional_unknown), audited', async () => {
    await desk.service.preview(desk.trader, ticket());
    await desk.control('/faults', { kind: 'unavailable', method: '*', count: 1000 });
    try {
      const refused = desk.service.place(desk.trader, ticket({ symbol: 'ETH/USD', type: 'market', price: undefined, volume: '0.01' }));
      await assert.rejects(refused, { code: 'exchange_unreachable', status: 503, message: /cannot reach the exchange right now/ });
    } finally {
      await fetch(`${desk.exchange.controlUrl}/faults`, { method: 'DELETE' });
    }
    const row = (await desk.db.audit.all()).findLast((r) => r.outcome === 'refused');
    assert.equal(JSON.parse(row!.detail).reason, 'exchange_unreachable');
  });

  test('nothing listening at the exchange address → 503 exchange_unreachable', async () => {
    const transport = keepAliveFetch();
    const kraken = createKrakenClient({ restUrl: 'http://127.0.0.1:9', apiKey: TEST_KEY.key, apiSecret: TEST_KEY.secret, now: clock.now, sleep: clock.sleep, fetch: transport });
    const service = createOrderService({ db: desk.db, kraken });
    try {
      await assert.rejects(service.place(desk.trader, ticket()), { code: 'exchange_unreachable', status: 503 });
    } finally {
      transport.close();
    }
  });
});

describe('the audit result row', () => {
  test('is written before the answer; when writing it fails, the placed order stays settled as placed and a repeat replays it', async () => {
    const placed = orderOf(await desk.service.place(desk.trader, ticket()));
    const [result] = (await desk.db.audit.page({ limit: 5 })).rows.filter((r) => r.phase === 'result' && JSON.stringify(r.detail).includes(placed.txid!));
    assert.ok(result, 'the result row names the txid by the time the answer is given');

    const audit = desk.db.audit;
    const complete = audit.complete.bind(audit);
    audit.complete = async (seq, outcome, detail) => {
      if (outcome === 'ok') throw new Error('the audit store failed');
      return complete(seq, outcome, detail);
    };
    const failing = ticket();
    try {
      await assert.rejects(desk.service.place(desk.trader, failing), /the audit store failed/);
    } finally {
      audit.complete = complete;
    }
    const record = await desk.db.deskOrders.findByKey(failing.idempotencyKey.toLowerCase());
    assert.equal(record?.state, 'placed', 'the order is on Kraken, so its row says so (it said rejected before)');
    const repeat = await desk.service.place(desk.trader, failing);
    assert.equal(repeat.replayed, true);
    assert.equal(orderOf(repeat).txid, record?.txid);
  });
});
