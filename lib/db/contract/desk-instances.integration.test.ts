/**
 * Two desk instances (two order services, each with its own DeskDb and connection pool) on one store, placing through
 * the built-in exchange over HTTP: the idempotency key and the audit chain hold across instances, on both stores.
 * The single-instance proofs (faults, lookups) are in server/orders/place-idempotency.integration.test.ts.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { verifyAuditChain } from '../../audit/verify';
import { createKrakenClient } from '../../kraken/rest';
import { createOrderService } from '../../orders/service';
import { restingBuyPrice, TEST_KEY, keepAliveFetch } from '../../../server/orders/fixture';
import { startExchange } from '../../../server/simulator/exchange';
import { forEachStore } from './stores';

forEachStore('two desk instances on one store', (store) => {
  it('one ticket submitted 30 times through each instance at once places one order, and the audit chain holds', async (t) => {
    // The store first: if it cannot open (no PostgreSQL), nothing is left running to keep the test process alive.
    const opened = await store.open();
    const exchange = await startExchange({ seed: 5, apiKeys: [TEST_KEY], tier: 'pro' });
    exchange.market.stop();
    const transport = keepAliveFetch();
    try {
      const kraken = createKrakenClient({
        restUrl: exchange.restUrl, apiKey: TEST_KEY.key, apiSecret: TEST_KEY.secret, tier: 'pro', timeoutMs: 5000, orderLookupDelayMs: 20, fetch: transport,
      });
      const instances = [opened.db, opened.reopen()].map((db) => createOrderService({ db, kraken, tradingRate: { tier: 'pro', memberShare: 1 } }));
      const trader = await opened.db.members.create({ username: 'tom', passwordHash: 'x', role: 'trader' });
      const ticket = { symbol: 'BTC/USD', side: 'buy' as const, type: 'limit' as const, volume: '0.001', price: await restingBuyPrice(kraken), idempotencyKey: randomUUID() };
      const results = await Promise.all(Array.from({ length: 60 }, (_, i) => instances[i % 2]!.place(trader, ticket)));
      const txids = new Set(results.map((r) => ('order' in r.body ? r.body.order.txid : 'error' in r.body ? `error:${r.body.error.code}` : 'approval')));
      const onExchange = (await kraken.private.openOrders({ clOrdId: ticket.idempotencyKey })).length;
      t.diagnostic(`${store.name}: 60 submits through 2 instances → ${txids.size} distinct answer(s), ${onExchange} order(s) on the exchange`);
      assert.equal(txids.size, 1, `every submit got the same order: ${[...txids].join(', ')}`);
      assert.equal(onExchange, 1);
      assert.equal(results.filter((r) => !r.replayed).length, 1, 'one submit placed, the rest were replays');
      assert.equal(await opened.db.deskOrders.count(), 1);
      const intents = (await opened.db.audit.all()).filter((r) => r.action === 'order.place' && r.idempotencyKey === ticket.idempotencyKey);
      assert.deepEqual(intents.map((r) => r.phase), ['intent', 'result'], 'one signed call, one intent and one result');
      assert.equal((await verifyAuditChain(opened.db)).ok, true);
    } finally {
      transport.close();
      await exchange.close();
      await opened.close();
    }
  });
});
