import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFakeKraken, type FakeCall, type FakeHandler, type FakeReply } from './testing/fake-kraken';
import { createKrakenClient, type KrakenClientOptions } from './rest';
import { KrakenError } from './errors';
import * as sample from './fixtures/rest-samples';

/** An exchange that records placed orders by cl_ord_id, so lookups can find them. */
function setup(addOrderReply: (call: FakeCall, place: () => void) => FakeReply, extra: Record<string, FakeHandler> = {}, options: Partial<KrakenClientOptions> = {}) {
  const placed = new Map<string, object>();
  const fake = createFakeKraken({
    handlers: {
      AssetPairs: () => ({ result: sample.assetPairs }),
      AddOrder: (call) => addOrderReply(call, () => {
        const id = call.params.get('cl_ord_id')!;
        placed.set(id, { ...sample.openOrder, cl_ord_id: id });
      }),
      OpenOrders: (call) => ({ result: { open: Object.fromEntries([...placed].filter(([id]) => id === call.params.get('cl_ord_id')).map(([id, o]) => [`O-${id}`.slice(0, 19), o])) } }),
      ClosedOrders: () => ({ result: { closed: {}, count: 0 } }),
      ...extra,
    },
  });
  let t = Date.parse('2026-11-25T16:00:00Z');
  const sleeps: number[] = [];
  const client = createKrakenClient({
    restUrl: 'http://kraken.test', apiKey: fake.apiKey, apiSecret: fake.apiSecret, fetch: fake.fetch, timeoutMs: 30,
    now: () => t, sleep: async (ms) => { sleeps.push(ms); t += ms; }, random: () => 0.5, ...options,
  });
  return { client, fake, placed, sleeps };
}

const limitBuy = { pair: 'BTC/USD', side: 'buy', orderType: 'limit', volume: '1.25', price: '30010.0' } as const;

test('a normal AddOrder returns txids and always carries a cl_ord_id', async () => {
  const { client, fake } = setup((call, place) => { place(); return { result: { descr: { order: 'buy 1.25000000 XBTUSD @ limit 30010.0' }, txid: ['OUF4EM-FRGI2-MQMWZD'] } }; });
  const placed = await client.private.addOrder(limitBuy);
  assert.deepEqual(placed.txids, ['OUF4EM-FRGI2-MQMWZD']);
  assert.equal(placed.resolvedByLookup, false);
  const sent = fake.callsOf('AddOrder')[0]!.params;
  assert.equal(sent.get('pair'), 'XXBTZUSD');
  assert.match(sent.get('cl_ord_id')!, /^[0-9a-f-]{36}$/);
  assert.equal(placed.clOrdId, sent.get('cl_ord_id'));
});

test('the caller’s cl_ord_id or userref is kept (never both)', async () => {
  const { client, fake } = setup(() => ({ result: { descr: { order: 'x' }, txid: ['O1'] } }));
  await client.private.addOrder({ ...limitBuy, clOrdId: 'desk-ticket-1' });
  await client.private.addOrder({ ...limitBuy, userref: 77 });
  const [a, b] = fake.callsOf('AddOrder').map((c) => c.params);
  assert.equal(a!.get('cl_ord_id'), 'desk-ticket-1');
  assert.equal(b!.get('userref'), '77');
  assert.equal(b!.has('cl_ord_id'), false);
  await assert.rejects(client.private.addOrder({ ...limitBuy, userref: 1, clOrdId: 'x' }), (e: KrakenError) => e.code === 'invalid_arguments');
  assert.equal(fake.callsOf('AddOrder').length, 2);
});

test('validate=true returns the description without txid', async () => {
  const { client } = setup(() => ({ result: { descr: { order: 'buy 1.25000000 XBTUSD @ limit 30010.0' } } }));
  const placed = await client.private.addOrder({ ...limitBuy, validate: true });
  assert.deepEqual(placed.txids, []);
  assert.equal(placed.description, 'buy 1.25000000 XBTUSD @ limit 30010.0');
});

for (const [name, reply] of [
  ['a lost response (timeout)', { lost: true }],
  ['HTTP 502', { status: 502 }],
  ['EService:Unavailable', { error: ['EService:Unavailable'] }],
  ['an unreadable body', { raw: '<html>oops' }],
  ['a result that fails validation', { result: { txid: 'not-an-array' } }],
] as [string, FakeReply][]) {
  test(`${name} after the order was placed: found by cl_ord_id, never resent`, async () => {
    const { client, fake } = setup((_call, place) => { place(); return reply; });
    const placed = await client.private.addOrder(limitBuy);
    assert.equal(placed.resolvedByLookup, true);
    assert.equal(placed.order!.clOrdId, placed.clOrdId);
    assert.equal(placed.txids.length, 1);
    assert.equal(fake.callsOf('AddOrder').length, 1);
    assert.equal(fake.callsOf('OpenOrders')[0]!.params.get('cl_ord_id'), placed.clOrdId);
  });

  test(`${name} when nothing was placed: looked up in open and closed orders, then reported not placed`, async () => {
    const { client, fake } = setup(() => reply);
    await assert.rejects(client.private.addOrder(limitBuy), (e: KrakenError) => e.orderOutcome === 'not_placed' && e.code !== 'unknown_outcome');
    assert.equal(fake.callsOf('AddOrder').length, 1);
    assert.equal(fake.callsOf('OpenOrders').length, 1);
    assert.equal(fake.callsOf('ClosedOrders').length, 1);
  });
}

test('an order that already closed (filled) is found in ClosedOrders', async () => {
  const { client } = setup(() => ({ lost: true }), {
    ClosedOrders: (call) => ({ result: { closed: { 'OFILLED-AAAAA-BBBBBB': { ...sample.closedOrder, cl_ord_id: call.params.get('cl_ord_id') } }, count: 1 } }),
  });
  const placed = await client.private.addOrder(limitBuy);
  assert.equal(placed.resolvedByLookup, true);
  assert.deepEqual(placed.txids, ['OFILLED-AAAAA-BBBBBB']);
  assert.equal(placed.order!.status, 'closed');
});

test('lookups that fail leave the outcome unknown', async () => {
  const { client, fake } = setup(() => ({ lost: true }), { OpenOrders: () => ({ error: ['EGeneral:Permission denied'] }) });
  await assert.rejects(client.private.addOrder(limitBuy), (e: KrakenError) => e.code === 'unknown_outcome' && e.orderOutcome === undefined);
  assert.equal(fake.callsOf('AddOrder').length, 1);
});

test('transient lookup failures are retried before giving up', async () => {
  let n = 0;
  const { client } = setup((_c, place) => { place(); return { status: 503 }; }, {
    OpenOrders: (call) => (++n < 3 ? { error: ['EService:Busy'] } : { result: { open: { 'OX-1': { ...sample.openOrder, cl_ord_id: call.params.get('cl_ord_id') } } } }),
  });
  const placed = await client.private.addOrder(limitBuy);
  assert.equal(placed.resolvedByLookup, true);
  assert.equal(n, 3);
});

test('definite rejections are returned as they are, without lookup', async () => {
  const { client, fake } = setup(() => ({ error: ['EOrder:Insufficient funds (insufficient user funds)'] }));
  await assert.rejects(client.private.addOrder(limitBuy), (e: KrakenError) => e.code === 'insufficient_funds');
  assert.equal(fake.callsOf('OpenOrders').length, 0);
});

test('with only a userref a lost response cannot be resolved: unknown_outcome', async () => {
  const { client, fake } = setup(() => ({ lost: true }));
  await assert.rejects(client.private.addOrder({ ...limitBuy, userref: 5 }), (e: KrakenError) => e.code === 'unknown_outcome');
  assert.equal(fake.callsOf('OpenOrders').length, 0);
});

test('with a deadline the lookup waits until Kraken can no longer place the order', async () => {
  const { client, fake, sleeps } = setup(() => ({ lost: true }), {}, { orderDeadlineSeconds: 10 });
  await assert.rejects(client.private.addOrder(limitBuy), (e: KrakenError) => e.orderOutcome === 'not_placed');
  assert.equal(fake.callsOf('AddOrder')[0]!.params.get('deadline'), '2026-11-25T16:00:10.000Z');
  assert.equal(sleeps[0], 11_000);
});
