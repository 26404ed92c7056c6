/**
 * Amends go through the same checks as new orders, on the order as it would stand after the amend (freeze, pair
 * rules, per-order and daily limits, allowed pairs, the fat-finger guard with `confirm`), and every amendable field
 * of every order type reaches the built-in exchange: volume alone, a trailing offset, a stop-limit's limit price,
 * a trailing-stop-limit's limit offset, an iceberg's visible size.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { ConfirmationRequiredError } from '../../lib/orders/place';
import type { Ticket } from '../../lib/orders/ticket';
import { restingBuyPrice, startDeskFixture, type DeskFixture } from './fixture';

let desk: DeskFixture;
let price: string;
let last: number;

before(async () => {
  desk = await startDeskFixture();
  price = await restingBuyPrice(desk.kraken);
  last = Number((await desk.kraken.public.ticker(['BTC/USD']))[0]!.last);
});
after(() => desk.close());

const ticket = (overrides: Partial<Ticket> = {}): Ticket => ({
  symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.001', price, idempotencyKey: randomUUID(), ...overrides,
});
const NO_LIMITS = { maxOrderUsd: null, maxDayUsd: null, allowedPairs: null, allowedTypes: null };
const tick = (n: number) => n.toFixed(1);

async function place(overrides: Partial<Ticket> = {}): Promise<string> {
  const result = await desk.service.place(desk.trader, ticket(overrides));
  assert.ok('order' in result.body, `placed: ${JSON.stringify(result.body)}`);
  return result.body.order.txid;
}
const krakenOrder = async (txid: string) => (await desk.kraken.private.queryOrders([txid]))[0]!;
const refusals = async (txid: string) => (await desk.db.audit.all())
  .filter((r) => r.action === 'order.amend' && r.outcome === 'refused' && r.subject === txid).map((r) => JSON.parse(r.detail).reason);

describe('an amend runs the checks of a new order', () => {
  test('the fat-finger guard: 0.001 → 5 BTC needs confirm: true (409 with the preview of the amended order), then amends', async () => {
    const txid = await place();
    const refused = await desk.service.amend(desk.trader, txid, { volume: '5' }).then(() => undefined, (e: unknown) => e);
    assert.ok(refused instanceof ConfirmationRequiredError, 'confirmation required');
    assert.equal(refused.status, 409);
    assert.equal(refused.preview.volume, '5', 'the preview is of the order after the amend');
    assert.match(refused.message, /above the desk's 25000 USD threshold/);
    assert.equal(Number((await krakenOrder(txid)).volume), 0.001, 'nothing was sent');
    assert.deepEqual(await refusals(txid), ['confirmation_required']);
    const amended = await desk.service.amend(desk.trader, txid, { volume: '5', confirm: true });
    assert.equal(amended.txid, txid);
    assert.equal(Number((await krakenOrder(txid)).volume), 5);
    await desk.service.cancel(desk.trader, txid);
  });

  test('freeze, per-order limit, allowed pairs and types, and the pair rules refuse an amend (audited), before Kraken is asked', async () => {
    const txid = await place();
    await desk.service.freeze(desk.admin, true);
    // The freeze cancelled the order; a new one is placed after unfreezing, then frozen again without cancelling it.
    await assert.rejects(desk.service.amend(desk.trader, txid, { volume: '0.002' }), { code: 'desk_frozen', status: 423 });
    await desk.service.freeze(desk.admin, false);
    const open = await place();
    await desk.db.deskSettings.update({ frozen: true });
    await assert.rejects(desk.service.amend(desk.trader, open, { volume: '0.002' }), { code: 'desk_frozen', status: 423 });
    await desk.db.deskSettings.update({ frozen: false });

    const n = Number(price) * 0.001;
    await desk.service.setMemberLimits(desk.admin, desk.trader.id, { ...NO_LIMITS, maxOrderUsd: (n * 1.5).toFixed(2) });
    await assert.rejects(desk.service.amend(desk.trader, open, { volume: '0.002' }), { code: 'limit_order_notional', status: 403 });
    await desk.service.setMemberLimits(desk.admin, desk.trader.id, { ...NO_LIMITS, allowedPairs: ['ETH/USD'] });
    await assert.rejects(desk.service.amend(desk.trader, open, { volume: '0.002' }), { code: 'limit_pair', status: 403 });
    await desk.service.setMemberLimits(desk.admin, desk.trader.id, { ...NO_LIMITS, allowedTypes: ['market'] });
    await assert.rejects(desk.service.amend(desk.trader, open, { volume: '0.002' }), { code: 'limit_order_type', status: 403 });
    await desk.service.setMemberLimits(desk.admin, desk.trader.id, NO_LIMITS);
    await assert.rejects(desk.service.amend(desk.trader, open, { price: `${price}3` }), { code: 'tick_size' });
    assert.deepEqual(await refusals(open), ['desk_frozen', 'limit_order_notional', 'limit_pair', 'limit_order_type', 'tick_size']);
    assert.equal(Number((await krakenOrder(open)).volume), 0.001, 'the order is unchanged');
    await desk.service.cancel(desk.trader, open);
  });
});

describe('every amendable field reaches the exchange', () => {
  test('volume alone amends any type, including a trailing stop (no price sent)', async () => {
    const txid = await place({ side: 'sell', type: 'trailing-stop', price: '+500', volume: '0.001' });
    await desk.service.amend(desk.trader, txid, { volume: '0.002' });
    const order = await krakenOrder(txid);
    assert.equal(Number(order.volume), 0.002);
    assert.equal(order.price, '+500', 'the offset is untouched');
    const amendIntent = (await desk.db.audit.all()).findLast((r) => r.action === 'order.amend' && r.phase === 'intent' && r.subject === txid);
    assert.equal(JSON.parse(amendIntent!.detail).triggerPrice, undefined, 'only the changed field was sent');
  });

  test('a trailing stop\'s price is its offset: "+600" and "+1.5%" amend it; an absolute price is refused with a reason', async () => {
    const txid = await place({ side: 'sell', type: 'trailing-stop', price: '+500' });
    await desk.service.amend(desk.trader, txid, { price: '+600' });
    assert.equal((await krakenOrder(txid)).price, '+600');
    await desk.service.amend(desk.trader, txid, { price: '+1.5%' });
    assert.equal((await krakenOrder(txid)).price, '+1.5%');
    await assert.rejects(desk.service.amend(desk.trader, txid, { price: '600' }), { code: 'invalid_amend', status: 400, message: /trailing offset and must start with "\+"/ });
    await assert.rejects(desk.service.amend(desk.trader, txid, { price2: '-10' }), { code: 'invalid_amend', message: /price2: a trailing-stop order takes no price2/ });
  });

  test('trailing-stop-limit: the trailing offset (price) and the limit offset (price2)', async () => {
    const txid = await place({ side: 'sell', type: 'trailing-stop-limit', price: '+500', price2: '-10' });
    await desk.service.amend(desk.trader, txid, { price: '+700', price2: '-25' });
    const order = await krakenOrder(txid);
    assert.deepEqual([order.price, order.price2], ['+700', '-25']);
  });

  test('stop-loss-limit: price2 (the limit) alone and with the trigger; off-tick price2 refused by the pair rules', async () => {
    const trigger = tick(last * 0.8);
    const txid = await place({ side: 'sell', type: 'stop-loss-limit', price: trigger, price2: tick(last * 0.79) });
    await desk.service.amend(desk.trader, txid, { price2: tick(last * 0.78) });
    assert.equal(Number((await krakenOrder(txid)).price2), Number(tick(last * 0.78)));
    await desk.service.amend(desk.trader, txid, { price: tick(last * 0.81), price2: tick(last * 0.8) });
    const order = await krakenOrder(txid);
    assert.deepEqual([Number(order.price), Number(order.price2)], [Number(tick(last * 0.81)), Number(tick(last * 0.8))]);
    await assert.rejects(desk.service.amend(desk.trader, txid, { price2: `${tick(last * 0.8)}7` }), { code: 'tick_size', message: /Price2 .* tick size/ });
  });

  test('iceberg: displayVolume is sent as display_qty (Kraken checks it against the size); lot decimals checked first', async () => {
    const txid = await place({ type: 'iceberg', volume: '0.01', displayVolume: '0.002' });
    const amended = await desk.service.amend(desk.trader, txid, { displayVolume: '0.004' });
    assert.equal(amended.txid, txid);
    const intent = (await desk.db.audit.all()).findLast((r) => r.action === 'order.amend' && r.phase === 'intent' && r.subject === txid);
    assert.equal(JSON.parse(intent!.detail).displayQty, '0.004');
    await assert.rejects(desk.service.amend(desk.trader, txid, { displayVolume: '0.0001' }), { code: 'kraken_invalid_arguments' }, 'below 1/15 of the size: the exchange refuses it');
    await assert.rejects(desk.service.amend(desk.trader, txid, { displayVolume: '0.000000001' }), { code: 'lot_decimals' });
    await assert.rejects(desk.service.amend(desk.trader, await place(), { displayVolume: '0.0005' }), { code: 'invalid_amend', message: /only for iceberg/ });
  });
});

describe('the second door at the same time', () => {
  test('an amend Kraken made counts for its new value even when the audit\'s result row cannot be written', async () => {
    const key = randomUUID();
    const placed = await desk.service.place(desk.trader, ticket({ idempotencyKey: key }));
    assert.ok('order' in placed.body);
    const txid = placed.body.order.txid;
    const audit = desk.db.audit;
    const complete = audit.complete.bind(audit);
    audit.complete = async (seq, outcome, detail) => {
      if (outcome === 'ok') throw new Error('the audit store failed');
      return complete(seq, outcome, detail);
    };
    try {
      await assert.rejects(desk.service.amend(desk.trader, txid, { volume: '0.002' }));
    } finally {
      audit.complete = complete;
    }
    assert.equal(Number((await krakenOrder(txid)).volume), 0.002, 'Kraken amended it');
    const record = await desk.db.deskOrders.findByKey(key);
    assert.equal(Number(record?.notionalUsd), Number((Number(price) * 0.002).toFixed(2)), 'the daily limit counts the amended value');
    await desk.service.cancel(desk.trader, txid);
  });

  test('an amend and a placement sent together cannot both pass the daily limit', async () => {
    const n = Number(price) * 0.001;
    await desk.service.setMemberLimits(desk.admin, desk.trader2.id, { ...NO_LIMITS, maxDayUsd: (n * 2.5).toFixed(2) });
    const placed = await desk.service.place(desk.trader2, ticket());
    assert.ok('order' in placed.body);
    const txid = placed.body.order.txid;
    // Each alone fits (N → 2N, or N + N); together they would be 3N > 2.5N.
    const [amended, second] = await Promise.allSettled([
      desk.service.amend(desk.trader2, txid, { volume: '0.002' }),
      desk.service.place(desk.trader2, ticket()),
    ]);
    const outcomes = [amended.status === 'fulfilled' ? 'ok' : (amended.reason as { code: string }).code,
      second.status === 'fulfilled' ? 'ok' : (second.reason as { code: string }).code];
    assert.deepEqual(outcomes.sort(), ['limit_daily_notional', 'ok'], `exactly one passes: ${outcomes.join(', ')}`);
    await desk.service.cancel(desk.trader2, txid);
    if (second.status === 'fulfilled' && 'order' in second.value.body) await desk.service.cancel(desk.trader2, second.value.body.order.txid);
    await desk.service.setMemberLimits(desk.admin, desk.trader2.id, NO_LIMITS);
  });
});
