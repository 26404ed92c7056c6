/**
 * One member's burst of IOC orders must not lock a pair for the team: the desk models Kraken's per-pair trading rate
 * counter and refuses locally (429, no Kraken call) before the exchange's counter would trip — per member at their
 * share, and for the whole pair with headroom below Kraken's threshold. Virtual clock: no decay during the burst.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { createOrderService } from '../../lib/orders/service';
import type { Ticket } from '../../lib/orders/ticket';
import { TRADING_TIERS } from '../../lib/orders/trading-rate';
import { restingBuyPrice, startDeskFixture, virtualClock, type DeskFixture } from './fixture';

let desk: DeskFixture;
let btcPrice: string;
let ethPrice: string;
const clock = virtualClock();
const nowDate = () => new Date(clock.now());

before(async () => {
  desk = await startDeskFixture({ exchange: { now: clock.now }, client: { now: clock.now, sleep: clock.sleep }, service: { now: nowDate } });
  btcPrice = await restingBuyPrice(desk.kraken);
  ethPrice = await restingBuyPrice(desk.kraken, 'ETH/USD');
});
after(() => desk.close());

const ioc = (symbol: string, price: string, volume: string): Ticket => ({ symbol, side: 'buy', type: 'limit', volume, price, timeInForce: 'IOC', idempotencyKey: randomUUID() });

/** Places until the desk refuses; returns how many were placed and the refusal. */
async function burst(place: (t: Ticket) => Promise<{ status: number }>, make: () => Ticket, max: number) {
  const statuses = new Map<number, number>();
  for (let i = 0; i < max; i++) {
    try {
      const { status } = await place(make());
      statuses.set(status, (statuses.get(status) ?? 0) + 1);
    } catch (error) {
      return { statuses, refusal: error as Error & { code: string; status: number } };
    }
  }
  return { statuses, refusal: undefined };
}

/** An order straight to the exchange, outside the desk: it succeeds only while the exchange's pair counter has room. */
const exchangeHasRoom = (symbol: string, price: string, volume: string) =>
  desk.kraken.private.addOrder({ pair: symbol, side: 'buy', orderType: 'limit', volume, price, timeInForce: 'IOC' }).then(() => true, () => false);

describe('trading rate budget', () => {
  test('one member\'s IOC burst is refused locally at their share; another member still places on the pair', async (t) => {
    const audit = await desk.db.audit.count();
    const { statuses, refusal } = await burst((x) => desk.service.place(desk.trader, x), () => ioc('BTC/USD', btcPrice, '0.001'), 300);
    const placed = statuses.get(201) ?? 0;
    const ceiling = TRADING_TIERS.pro.max - Math.ceil(TRADING_TIERS.pro.max / 10);
    t.diagnostic(`member burst: ${placed} IOC orders placed (all 201: ${statuses.size === 1}), then ${refusal?.status} ${refusal?.code}; pro threshold ${TRADING_TIERS.pro.max}, desk ceiling ${ceiling}, member share ${ceiling / 2}`);
    assert.equal(refusal?.code, 'order_rate_member');
    assert.equal(refusal?.status, 429);
    assert.match(refusal?.message ?? '', /used your share of Kraken's trading rate limit for this pair\. Try again in about \d+ s; other members can still trade BTC\/USD/);
    assert.equal(placed, Math.floor(ceiling / 2), 'refused exactly at the member\'s share');
    assert.deepEqual([...statuses.keys()], [201], 'the exchange never answered a rate limit');
    const rows = (await desk.db.audit.all()).slice(audit);
    assert.equal(rows.filter((r) => r.action === 'order.place' && r.phase === 'intent').length, placed, 'the refused order was never signed');
    assert.deepEqual(rows.filter((r) => r.outcome === 'refused').map((r) => JSON.parse(r.detail).reason), ['order_rate_member']);

    assert.equal((await desk.service.place(desk.trader2, ioc('BTC/USD', btcPrice, '0.001'))).status, 201, 'a second member still places on the pair');
    const preview = await desk.service.preview(desk.trader, ioc('BTC/USD', btcPrice, '0.001'));
    assert.equal(preview.validation?.ok === false && preview.validation.code, 'order_rate_member', 'the dry run (an AddOrder too) is skipped');
    assert.equal((await desk.db.audit.all()).findLast((r) => r.outcome === 'refused')?.action, 'order.preview');
    clock.advance(60_000);
    assert.equal((await desk.service.place(desk.trader, ioc('BTC/USD', btcPrice, '0.001'))).status, 201, 'the budget refills as the counter decays');
  });

  test('the whole pair: with one member allowed everything, the desk stops at its ceiling, below the exchange\'s threshold', async (t) => {
    const greedy = createOrderService({ db: desk.db, kraken: desk.kraken, now: nowDate, tradingRate: { tier: 'pro', memberShare: 1 } });
    const { statuses, refusal } = await burst((x) => greedy.place(desk.trader, x), () => ioc('ETH/USD', ethPrice, '0.01'), 300);
    const placed = statuses.get(201) ?? 0;
    t.diagnostic(`pair burst: ${placed} placed, then ${refusal?.status} ${refusal?.code}`);
    assert.equal(refusal?.code, 'order_rate_pair');
    assert.match(refusal?.message ?? '', /close to Kraken's trading rate limit on ETH\/USD/);
    assert.deepEqual([...statuses.keys()], [201]);
    assert.equal(await exchangeHasRoom('ETH/USD', ethPrice, '0.01'), true, 'the exchange\'s counter has not tripped: an order outside the desk still goes through');
    await assert.rejects(greedy.place(desk.trader2, ioc('ETH/USD', ethPrice, '0.01')), { code: 'order_rate_pair' }, 'the pair ceiling holds for every member');
  });
});
