/**
 * The desk's order checks before anything is signed — pair rules, member limits, the fat-finger guard, the frozen
 * desk — plus amend, cancel, attribution ("outside the desk") and the dead-man's switch, against the built-in exchange.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { startDeadManLoop } from '../../lib/orders/desk-controls';
import { ConfirmationRequiredError } from '../../lib/orders/place';
import type { Ticket } from '../../lib/orders/ticket';
import { waitFor } from '../testing/wait-for';
import { restingBuyPrice, startDeskFixture, type DeskFixture } from './fixture';

let desk: DeskFixture;
let price: string;

before(async () => {
  desk = await startDeskFixture();
  price = await restingBuyPrice(desk.kraken);
});
after(() => desk.close());

const ticket = (overrides: Partial<Ticket> = {}): Ticket => ({
  symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.001', price, idempotencyKey: randomUUID(), ...overrides,
});
const NO_LIMITS = { maxOrderUsd: null, maxDayUsd: null, allowedPairs: null, allowedTypes: null };

describe('pair rules', () => {
  test('tick size, lot decimals, ordermin and costmin refuse with messages naming the rule, before Kraken is asked', async () => {
    const audit = await desk.db.audit.count();
    await assert.rejects(desk.service.place(desk.trader, ticket({ price: `${price}5` })), (e: Error & { code: string }) => {
      assert.equal(e.code, 'tick_size');
      assert.match(e.message, /not a multiple of the BTC\/USD tick size 0\.1/);
      return true;
    });
    await assert.rejects(desk.service.place(desk.trader, ticket({ volume: '0.123456789' })), /more than 8 decimals; BTC\/USD volumes go in steps of 0\.00000001 BTC/);
    await assert.rejects(desk.service.place(desk.trader, ticket({ volume: '0.00001' })), /below the BTC\/USD minimum order of 0\.00005 BTC/);
    await assert.rejects(desk.service.place(desk.trader, ticket({ volume: '0.0001', price: '1000.0' })), { code: 'cost_minimum', message: /Order value 0\.10000 USD is below the BTC\/USD minimum cost of 0\.5 USD/ });
    await assert.rejects(desk.service.place(desk.trader, ticket({ symbol: 'FOO/USD' })), { code: 'unknown_pair', status: 404 });
    const rows = (await desk.db.audit.all()).slice(audit);
    assert.deepEqual(rows.map((r) => [r.action, r.phase, r.outcome]), Array(5).fill(['order.place', 'event', 'refused']), 'nothing was signed; each refusal audited');
    assert.deepEqual(rows.map((r) => JSON.parse(r.detail).reason), ['tick_size', 'lot_decimals', 'order_minimum', 'cost_minimum', 'unknown_pair']);
    assert.ok(rows.every((r) => r.actor === 'tom'));
  });
});

describe('member limits', () => {
  test('per order, per UTC day, pairs and types; changes are audited', async () => {
    await desk.service.setMemberLimits(desk.admin, desk.trader2.id, { maxOrderUsd: '150', maxDayUsd: '200', allowedPairs: ['BTC/USD'], allowedTypes: ['limit'] });
    const small = ticket({ volume: '0.001' });
    const notional = Number(price) * 0.001;
    assert.ok(notional < 150 && notional * 2 > 150 && notional * 3 > 200, `test price ${price} fits the limits`);
    assert.equal((await desk.service.place(desk.trader2, small)).status, 201);
    await assert.rejects(desk.service.place(desk.trader2, ticket({ volume: '0.002' })), { code: 'limit_order_notional', status: 403, message: /above your limit of 150\.00 USD per order/ });
    await assert.rejects(desk.service.place(desk.trader2, ticket({ volume: '0.0013' })), { code: 'limit_daily_notional', message: /above your daily limit of 200\.00 USD/ });
    await assert.rejects(desk.service.place(desk.trader2, ticket({ symbol: 'ETH/USD', price: '100.00', volume: '0.01' })), { code: 'limit_pair', message: /not allowed to trade ETH\/USD/ });
    await assert.rejects(desk.service.place(desk.trader2, ticket({ type: 'market', price: undefined, volume: '0.0001' })), { code: 'limit_order_type', message: /not allowed to place market orders/ });
    const refused = (await desk.db.audit.all()).filter((r) => r.outcome === 'refused' && r.actor === 'tess').map((r) => `${r.action}:${JSON.parse(r.detail).reason}`);
    assert.deepEqual(refused, ['order.place:limit_order_notional', 'order.place:limit_daily_notional', 'order.place:limit_pair', 'order.place:limit_order_type']);
    const event = (await desk.db.audit.all()).find((r) => r.action === 'member.limits');
    assert.equal(event?.subject, 'tess');
    assert.equal(event?.actor, 'ada');
    await desk.service.setMemberLimits(desk.admin, desk.trader2.id, NO_LIMITS);
  });

  test('an amend counts its new size against the daily limit in place of the order\'s own share', async () => {
    const today = new Date().toISOString().slice(0, 10);
    const used = Number(await desk.db.deskOrders.dayNotional(desk.trader2.id, today));
    const n = Number(price) * 0.001;
    await desk.service.setMemberLimits(desk.admin, desk.trader2.id, { ...NO_LIMITS, maxDayUsd: (used + n * 2.5).toFixed(2) });
    const placed = await desk.service.place(desk.trader2, ticket({ volume: '0.001' }));
    assert.ok('order' in placed.body);
    const txid = placed.body.order.txid;
    // 2N replaces N: within the limit (counting both would be 3N, above it)
    assert.equal((await desk.service.amend(desk.trader2, txid, { volume: '0.002' })).txid, txid);
    await assert.rejects(desk.service.amend(desk.trader2, txid, { volume: '0.003' }), { code: 'limit_daily_notional' });
    // the day now counts the amended 2N, so one more N does not fit
    await assert.rejects(desk.service.place(desk.trader2, ticket({ volume: '0.001' })), { code: 'limit_daily_notional' });
    await desk.service.cancel(desk.trader2, txid);
    await desk.service.setMemberLimits(desk.admin, desk.trader2.id, NO_LIMITS);
  });
});

describe('fat-finger guard and preview', () => {
  test('a large market order needs confirm: true (409 with the preview); with it the order fills and balances change', async (t) => {
    const big = ticket({ type: 'market', price: undefined, volume: '0.5' });
    const refused = await desk.service.place(desk.trader, big).then(() => undefined, (e: unknown) => e);
    assert.ok(refused instanceof ConfirmationRequiredError, 'confirmation required');
    assert.equal(refused.status, 409);
    assert.ok(refused.preview.confirmationRequired);
    assert.match(refused.message, /above the desk's 25000 USD threshold/);
    t.diagnostic(`0.5 BTC market buy preview: avg ${refused.preview.avgFillPrice}, slippage ${refused.preview.slippageBps} bps, fee ${refused.preview.estimatedFee} USD, ${refused.preview.shareOfVisibleDepthPct}% of visible depth, ${refused.preview.notionalUsd} USD`);
    assert.equal(await desk.db.deskOrders.findByKey(big.idempotencyKey), null, 'a refused ticket does not use up its key');
    const audited = (await desk.db.audit.all()).findLast((r) => r.outcome === 'refused');
    assert.deepEqual([audited?.action, JSON.parse(audited?.detail ?? '{}').reason, JSON.parse(audited?.detail ?? '{}').idempotencyKey], ['order.place', 'confirmation_required', big.idempotencyKey]);
    const before = (await desk.service.balances()).balances.find((b) => b.asset === 'BTC')!.balance;
    const placed = await desk.service.place(desk.trader, { ...big, confirm: true });
    assert.equal(placed.status, 201);
    const after = (await desk.service.balances()).balances.find((b) => b.asset === 'BTC')!.balance;
    assert.ok(Number(after) > Number(before), `BTC balance rose from ${before} to ${after}`);
  });

  test('fills carry the member whose order traded; the ledger pages through Kraken\'s entries', async () => {
    const fills = await desk.service.reads.fills(0);
    const mine = fills.rows.filter((f) => f.member?.username === 'tom');
    assert.ok(mine.length >= 1, 'the confirmed market buy filled');
    assert.ok(mine.every((f) => f.symbol === 'BTC/USD' && f.side === 'buy' && !f.outsideDesk));
    assert.equal(fills.pageSize, 50);
    const ledger = await desk.service.reads.ledger(0);
    assert.ok(ledger.rows.some((e) => e.type === 'trade' && e.asset === 'BTC'));
  });

  test('the preview gives fill, slippage, fee, depth share and Kraken\'s validate=true dry run', async () => {
    const preview = await desk.service.preview(desk.trader, ticket({ type: 'market', price: undefined, volume: '0.01' }));
    assert.equal(preview.bookSource, 'rest');
    assert.deepEqual(preview.validation, { ok: true, description: preview.validation?.ok ? preview.validation.description : '' });
    assert.match(preview.validation?.ok ? preview.validation.description : '', /buy 0\.01000000 XBTUSD @ market/);
    assert.ok(Number(preview.avgFillPrice) >= Number(preview.bestPrice));
    assert.ok(Number(preview.estimatedFee) > 0);
    assert.equal(preview.confirmationRequired, false);
    assert.deepEqual(preview.deskCheck, { ok: true });
    const offTick = await desk.service.preview(desk.trader, ticket({ price: `${price}5` }));
    assert.equal(offTick.validation?.ok, false, 'Kraken\'s dry run refuses an off-tick price');
    assert.equal(offTick.validation?.ok === false && offTick.validation.code, 'kraken_invalid_price');
    assert.equal(offTick.deskCheck?.ok === false && offTick.deskCheck.code, 'tick_size');
  });
});

describe('orders: attribution, amend, cancel', () => {
  test('open orders show the placing member; an order placed outside the desk is flagged; any trader amends and cancels', async () => {
    const mine = await desk.service.place(desk.trader, ticket());
    assert.ok('order' in mine.body);
    const txid = mine.body.order.txid;
    const outside = await desk.kraken.private.addOrder({ pair: 'BTC/USD', side: 'buy', orderType: 'limit', volume: '0.001', price });
    desk.service.reads.invalidate();
    const open = await desk.service.orders('open', 0);
    const row = open.orders.find((o) => o.txid === txid);
    assert.deepEqual(row?.member, { id: desk.trader.id, username: 'tom' });
    assert.equal(row?.outsideDesk, false);
    const foreign = open.orders.find((o) => o.txid === outside.txids[0]);
    assert.equal(foreign?.outsideDesk, true);
    assert.equal(foreign?.member, null);

    const lower = (Number(price) - 100).toFixed(1);
    const amended = await desk.service.amend(desk.trader2, txid, { price: lower, volume: '0.002' });
    assert.equal(amended.txid, txid);
    const [after] = await desk.kraken.private.queryOrders([txid]);
    assert.equal(Number(after!.price), Number(lower));
    assert.equal(Number(after!.volume), 0.002);
    await assert.rejects(desk.service.amend(desk.trader, txid, { price: `${lower}3` }), { code: 'tick_size' });

    assert.deepEqual(await desk.service.cancel(desk.trader2, txid), { cancelled: 1, pending: false });
    await assert.rejects(desk.service.cancel(desk.trader, txid), { code: 'order_not_open', status: 404 });
    await assert.rejects(desk.service.cancel(desk.trader, 'not an id'), { code: 'invalid_order_id', status: 400 });
    const closed = await desk.service.orders('closed', 0);
    assert.equal(closed.orders.find((o) => o.txid === txid)?.status, 'canceled');
    const actions = (await desk.db.audit.all()).filter((r) => r.subject === txid).map((r) => `${r.action}:${r.phase}:${r.outcome ?? ''}`);
    assert.deepEqual(actions, ['order.amend:intent:', 'order.amend:result:ok', 'order.amend:event:refused', 'order.cancel:intent:', 'order.cancel:result:ok', 'order.cancel:intent:', 'order.cancel:result:error']);
  });
});

describe('desk controls', () => {
  test('freeze cancels every open order and blocks new ones for everyone until unfrozen; audited', async () => {
    await desk.service.place(desk.trader, ticket());
    const { cancelled } = await desk.service.freeze(desk.admin, true);
    assert.ok((cancelled ?? 0) >= 1);
    assert.equal((await desk.kraken.private.openOrders()).length, 0);
    await assert.rejects(desk.service.place(desk.trader, ticket()), { code: 'desk_frozen', status: 423 });
    await assert.rejects(desk.service.place(desk.admin, ticket()), { code: 'desk_frozen' });
    const frozenRefusals = (await desk.db.audit.all()).filter((r) => r.outcome === 'refused').slice(-2).map((r) => `${r.actor}:${JSON.parse(r.detail).reason}`);
    assert.deepEqual(frozenRefusals, ['tom:desk_frozen', 'ada:desk_frozen']);
    await desk.service.freeze(desk.admin, false);
    assert.equal((await desk.service.place(desk.trader, ticket())).status, 201);
    const actions = (await desk.db.audit.all()).map((r) => `${r.action}:${r.phase}`);
    assert.ok(actions.includes('desk.freeze:event') && actions.includes('desk.freeze.cancel_all:result') && actions.includes('desk.unfreeze:event'));
  });

  test('dead-man\'s switch: enabling arms CancelAllOrdersAfter(60), the loop re-arms it, disabling sends 0', async () => {
    const on = await desk.service.deadManSwitch(desk.admin, true);
    assert.ok(on.triggerTime, 'armed with a trigger time');
    assert.ok(Date.parse(on.triggerTime) - Date.now() > 50_000);
    const loop = startDeadManLoop({ db: desk.db, kraken: desk.kraken, intervalMs: 30 });
    try {
      assert.ok(await waitFor(() => loop.lastArmedAt(), 'the loop refreshed the switch', { timeoutMs: 1000 }));
      assert.equal(loop.lastError(), null);
      const off = await desk.service.deadManSwitch(desk.admin, false);
      assert.equal(off.triggerTime, null);
      assert.equal((await desk.service.deskSettings()).deadManSwitch, false);
    } finally {
      loop.stop();
    }
  });
});

describe('restart after a crash mid-order', () => {
  test('open intents are completed by cl_ord_id lookup: a placed order is found, an unsent one is released', async () => {
    const { reconcileOpenIntents } = await import('../../lib/orders/reconcile');
    const { clOrdIdFor } = await import('../../lib/orders/ticket');
    const claim = async (key: string) => (await desk.db.deskOrders.claim({
      idempotencyKey: key, clOrdId: clOrdIdFor(key), memberId: desk.trader.id, requestHash: 'h', symbol: 'BTC/USD', side: 'buy',
      orderType: 'limit', volume: '0.001', price, notionalUsd: '90', utcDay: '2026-01-01',
    })).record;
    const intent = (key: string) => desk.db.audit.append({ actorId: desk.trader.id, actor: 'tom', action: 'order.place', phase: 'intent', idempotencyKey: key, detail: {} });
    const sent = randomUUID();
    const unsent = randomUUID();
    await claim(sent);
    await intent(sent);
    // The process "died" after Kraken accepted the order but before the result row was written.
    await desk.kraken.private.addOrder({ pair: 'BTC/USD', side: 'buy', orderType: 'limit', volume: '0.001', price, clOrdId: clOrdIdFor(sent) });
    await claim(unsent);
    await intent(unsent);
    const report = await reconcileOpenIntents(desk.db, desk.kraken);
    assert.deepEqual(report, { open: 2, placed: 1, notPlaced: 1, unknown: 0 });
    assert.deepEqual(await desk.db.audit.openIntents(), []);
    const settled = await desk.db.deskOrders.findByKey(sent);
    assert.equal(settled?.state, 'placed');
    assert.equal(settled?.response?.status, 201, 'a repeat of the ticket now replays the real outcome');
    assert.match(settled?.txid ?? '', /^O/);
    assert.equal(await desk.db.deskOrders.findByKey(unsent), null, 'proved not placed: the key is free for the same ticket again');
  });
});
