/**
 * The never-double-spend proofs (README "How it fits together") against the built-in exchange over HTTP: one idempotency key submitted
 * 50 times at once (and from a second desk process sharing the database) places one order; 100 "placed but response
 * lost" faults leave 0 duplicates and every audit intent completed; EService:Unavailable on AddOrder is resolved by
 * lookup and on reads retried.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { verifyAuditChain } from '../../lib/audit/verify';
import { createOrderService } from '../../lib/orders/service';
import type { Ticket } from '../../lib/orders/ticket';
import { restingBuyPrice, startDeskFixture, virtualClock, type DeskFixture } from './fixture';

let desk: DeskFixture;
let price: string;
const clock = virtualClock();

before(async () => {
  // One member sends 100+ orders in a burst here: give them the whole trading rate budget (rate-budget tests cover shares).
  desk = await startDeskFixture({ exchange: { now: clock.now }, client: { now: clock.now, sleep: clock.sleep }, service: { tradingRate: { tier: 'pro', memberShare: 1 } } });
  price = await restingBuyPrice(desk.kraken);
});
after(() => desk.close());

const ticket = (overrides: Partial<Ticket> = {}): Ticket => ({
  symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.001', price, idempotencyKey: randomUUID(), ...overrides,
});

async function ordersWithClOrdId(clOrdId: string) {
  return (await desk.kraken.private.openOrders({ clOrdId })).length + (await desk.kraken.private.closedOrders({ clOrdId })).orders.length;
}

describe('idempotent placement', () => {
  test('50 concurrent submits of one ticket (plus 10 from a second desk process) place exactly one order', async (t) => {
    const one = ticket();
    const otherProcess = createOrderService({ db: desk.db, kraken: desk.kraken });
    const results = await Promise.all([
      ...Array.from({ length: 50 }, () => desk.service.place(desk.trader, one)),
      ...Array.from({ length: 10 }, () => otherProcess.place(desk.trader, one)),
    ]);
    const txids = new Set(results.map((r) => ('order' in r.body ? r.body.order.txid : 'error' in r.body ? `error:${r.body.error.code}` : 'approval')));
    const onExchange = await ordersWithClOrdId(one.idempotencyKey);
    t.diagnostic(`60 submits → ${txids.size} distinct answer(s), ${onExchange} order(s) on the exchange, ${results.filter((r) => r.replayed).length} replays`);
    assert.equal(txids.size, 1, `every submit got the same order: ${[...txids].join(', ')}`);
    assert.equal(results[0]!.status, 201);
    assert.equal(onExchange, 1);
    assert.equal(results.filter((r) => !r.replayed).length, 1, 'one submit placed, the rest were replays');
    const later = await desk.service.place(desk.trader, { ...one, confirm: true });
    assert.equal(later.replayed, true, 'a later repeat (e.g. a second tab) replays too');
    assert.deepEqual(later.body, results[0]!.body);
    const placeIntents = (await desk.db.audit.all()).filter((r) => r.action === 'order.place' && r.idempotencyKey === one.idempotencyKey);
    assert.deepEqual(placeIntents.map((r) => r.phase), ['intent', 'result'], 'one signed call, one intent and one result');
  });

  test('the same key for a different ticket or by another member is refused, never placed', async () => {
    const first = ticket();
    assert.equal((await desk.service.place(desk.trader, first)).status, 201);
    await assert.rejects(desk.service.place(desk.trader, { ...first, volume: '0.002' }), { code: 'idempotency_key_reused', status: 422 });
    await assert.rejects(desk.service.place(desk.trader2, first), { code: 'idempotency_key_conflict', status: 409 });
    assert.equal(await ordersWithClOrdId(first.idempotencyKey), 1);
  });

  test('100 "placed but response lost" faults: 0 duplicates, every order found by cl_ord_id, every audit intent completed', async (t) => {
    await desk.control('/faults', { kind: 'lost-response', method: 'AddOrder', count: 100 });
    const tickets = Array.from({ length: 100 }, () => ticket());
    const results = [];
    // Ten at a time, the way a busy desk sends them; the signer still serialises them per key.
    for (let i = 0; i < tickets.length; i += 10) {
      results.push(...(await Promise.all(tickets.slice(i, i + 10).map((x) => desk.service.place(desk.trader, x)))));
    }
    const resolved = results.filter((r) => 'order' in r.body && r.body.order.resolvedByLookup).length;
    const counts = await Promise.all(tickets.map((x) => ordersWithClOrdId(x.idempotencyKey)));
    const duplicates = counts.filter((n) => n > 1).length;
    const missing = counts.filter((n) => n === 0).length;
    const open = await desk.db.audit.openIntents();
    t.diagnostic(`100 lost responses → ${resolved} resolved by lookup, ${duplicates} duplicates, ${missing} missing, ${open.length} audit intents left open`);
    assert.equal(results.filter((r) => r.status === 201).length, 100);
    assert.equal(resolved, 100);
    assert.equal(duplicates, 0);
    assert.equal(missing, 0);
    assert.equal(open.length, 0);
    const results100 = (await desk.db.audit.all()).filter((r) => r.phase === 'result' && tickets.some((x) => x.idempotencyKey === r.idempotencyKey));
    assert.equal(results100.length, 100);
    assert.ok(results100.every((r) => r.outcome === 'ok' && JSON.parse(r.detail).resolvedByLookup === true));
    assert.deepEqual(await verifyAuditChain(desk.db), { ok: true, rows: await desk.db.audit.count() });
  });

  test('EService:Unavailable on AddOrder is resolved by lookup (not placed, not resent); resending the same ticket then places it once; on reads it is retried', async (t) => {
    await desk.control('/faults', { kind: 'unavailable', method: 'AddOrder', count: 1 });
    const x = ticket();
    const result = await desk.service.place(desk.trader, x);
    assert.equal(result.status, 503);
    assert.ok('error' in result.body && result.body.error.code === 'kraken_unavailable');
    assert.match('error' in result.body ? result.body.error.message : '', /unavailable.*Nothing was placed; you can send this ticket again/i);
    assert.equal('error' in result.body && result.body.error.retryable, true);
    assert.equal(await ordersWithClOrdId(x.idempotencyKey), 0, 'nothing placed, nothing resent');
    const rows = (await desk.db.audit.all()).filter((r) => r.idempotencyKey === x.idempotencyKey);
    assert.deepEqual(rows.map((r) => [r.phase, r.outcome]), [['intent', null], ['result', 'error']]);
    assert.equal(JSON.parse(rows[1]!.detail).notPlaced, true, 'the lookup proved it was not placed');
    assert.equal(await desk.db.deskOrders.findByKey(x.idempotencyKey), null, 'the key is free again');
    const again = await desk.service.place(desk.trader, x);
    t.diagnostic(`after the fault: resend of the same key+ticket → ${again.status}, replayed ${again.replayed}, orders with the cl_ord_id ${await ordersWithClOrdId(x.idempotencyKey)}`);
    assert.equal(again.status, 201, 'the fault is gone: the same key and ticket place the order');
    assert.equal(again.replayed, false);
    assert.equal(await ordersWithClOrdId(x.idempotencyKey), 1, 'placed exactly once');
    const repeat = await desk.service.place(desk.trader, x);
    assert.equal(repeat.replayed, true, 'a placed order replays');
    assert.deepEqual(repeat.body, again.body);

    await desk.control('/faults', { kind: 'unavailable', method: 'BalanceEx', count: 2 });
    desk.service.reads.invalidate();
    const balances = await desk.service.balances();
    t.diagnostic(`BalanceEx answered after 2 injected EService:Unavailable: ${balances.balances.length} assets, total ${balances.totalUsd} USD`);
    assert.ok(balances.balances.some((b) => b.asset === 'USD'));
  });
});

describe('retry after "not placed"', () => {
  test('after a not-placed outcome the same key may carry a changed ticket; a definitive rejection still replays', async () => {
    await desk.control('/faults', { kind: 'unavailable', method: 'AddOrder', count: 1 });
    const x = ticket();
    assert.equal((await desk.service.place(desk.trader, x)).status, 503);
    const changed = await desk.service.place(desk.trader, { ...x, volume: '0.002' });
    assert.equal(changed.status, 201, 'a changed ticket under the same key is placed');
    assert.ok('order' in changed.body && Number(changed.body.order.volume) === 0.002);
    assert.equal(await ordersWithClOrdId(x.idempotencyKey), 1);

    const broke = ticket({ volume: '100', confirm: true });
    const refused = await desk.service.place(desk.trader, broke);
    assert.equal(refused.status, 422);
    assert.ok('error' in refused.body && refused.body.error.code === 'kraken_insufficient_funds' && refused.body.error.retryable === undefined);
    const replayed = await desk.service.place(desk.trader, broke);
    assert.equal(replayed.replayed, true, 'a definitive rejection replays');
    assert.deepEqual(replayed.body, refused.body);
    await assert.rejects(desk.service.place(desk.trader, { ...broke, volume: '0.001' }), { code: 'idempotency_key_reused' });
    assert.equal(await ordersWithClOrdId(broke.idempotencyKey), 0);
  });
});

describe('unknown outcome', () => {
  test('answer lost and lookup failing → "unknown" (502, audit unknown); a repeat of the key looks up again and returns the order', async (t) => {
    const x = ticket();
    await desk.control('/faults', { kind: 'lost-response', method: 'AddOrder', count: 1 });
    await desk.control('/faults', { kind: 'unavailable', method: 'OpenOrders', count: 20 });
    const first = await desk.service.place(desk.trader, x);
    await fetch(`${desk.exchange.controlUrl}/faults`, { method: 'DELETE' });
    assert.equal(first.status, 502);
    assert.ok('error' in first.body && first.body.error.code === 'kraken_unknown_outcome');
    assert.match('error' in first.body ? first.body.error.message : '', /could not yet confirm whether the order was placed/);
    const rows = (await desk.db.audit.all()).filter((r) => r.idempotencyKey === x.idempotencyKey);
    assert.deepEqual(rows.map((r) => [r.phase, r.outcome]), [['intent', null], ['result', 'unknown']]);
    assert.equal((await desk.db.deskOrders.findByKey(x.idempotencyKey))?.state, 'unknown');

    const repeat = await desk.service.place(desk.trader, x);
    t.diagnostic(`unknown outcome → repeat answered ${repeat.status}; orders with the cl_ord_id on the exchange: ${await ordersWithClOrdId(x.idempotencyKey)}`);
    assert.equal(repeat.status, 201);
    assert.ok('order' in repeat.body && repeat.body.order.resolvedByLookup);
    assert.equal(await ordersWithClOrdId(x.idempotencyKey), 1, 'found, not resent');
    assert.equal((await desk.db.deskOrders.findByKey(x.idempotencyKey))?.state, 'placed');
  });
});
