/**
 * Orphaned audit intents: a desk process that died between an order's intent row and its result leaves the intent
 * open. Another instance (or the next start) completes it once it is older than any call can take, by looking the
 * cl_ord_id up on the exchange (the built-in one, over HTTP), never by sending again. On both stores.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import { verifyAuditChain } from '../audit/verify';
import type { AuditRecord } from '../audit/hash';
import { forEachStore } from '../db/contract/stores';
import { createKrakenClient } from '../kraken/rest';
import { restingBuyPrice, TEST_KEY, keepAliveFetch } from '../../server/orders/fixture';
import { startExchange } from '../../server/simulator/exchange';
import { ORPHAN_INTENT_AFTER_MS, reconcileOpenIntents } from './reconcile';
import { clOrdIdFor } from './ticket';

const detailOf = (row: AuditRecord | undefined) => JSON.parse(row?.detail ?? 'null') as Record<string, unknown> | null;

forEachStore('reconciling orphaned audit intents', (store) => {
  it('an intent older than the orphan threshold is completed against the exchange: placed → result with the txid, not placed → result saying so; a younger one is left to its call', async () => {
    const opened = await store.open();
    const exchange = await startExchange({ seed: 9, apiKeys: [TEST_KEY], tier: 'pro' });
    exchange.market.stop();
    const transport = keepAliveFetch();
    try {
      const kraken = createKrakenClient({ restUrl: exchange.restUrl, apiKey: TEST_KEY.key, apiSecret: TEST_KEY.secret, tier: 'pro', timeoutMs: 5000, fetch: transport });
      const price = await restingBuyPrice(kraken);
      const dead = opened.db; // the instance that died mid-call
      const trader = await dead.members.create({ username: 'tom', passwordHash: 'x', role: 'trader' });
      const pending = async (key: string) => {
        await dead.deskOrders.claim({
          idempotencyKey: key, clOrdId: clOrdIdFor(key), memberId: trader.id, requestHash: 'h', symbol: 'BTC/USD', side: 'buy',
          orderType: 'limit', volume: '0.001', price, notionalUsd: '90', utcDay: '2026-01-01',
        });
        return dead.audit.append({ actorId: trader.id, actor: 'tom', action: 'order.place', phase: 'intent', idempotencyKey: key, detail: {} });
      };
      const sent = randomUUID();
      const unsent = randomUUID();
      const sentIntent = await pending(sent);
      // Kraken accepted this one; the process died before the answer reached it (no result row).
      const placed = await kraken.private.addOrder({ pair: 'BTC/USD', side: 'buy', orderType: 'limit', volume: '0.001', price, clOrdId: clOrdIdFor(sent) });
      const unsentIntent = await pending(unsent);
      await new Promise((resolve) => setTimeout(resolve, 20));
      const young = randomUUID();
      const youngIntent = await pending(young);

      // A peer instance on the same store runs the periodic pass.
      const peer = opened.reopen();
      const fresh = await reconcileOpenIntents(peer, kraken, { olderThanMs: ORPHAN_INTENT_AFTER_MS });
      assert.deepEqual(fresh, { open: 0, placed: 0, notPlaced: 0, unknown: 0 }, 'just-written intents may be calls in flight');
      assert.equal((await peer.audit.openIntents()).length, 3);

      // Time passes: the two first intents are now past the threshold; the young one is not (20 ms younger).
      const later = Date.parse(unsentIntent.at) + ORPHAN_INTENT_AFTER_MS;
      assert.ok(Date.parse(youngIntent.at) > Date.parse(unsentIntent.at));
      const report = await reconcileOpenIntents(peer, kraken, { olderThanMs: ORPHAN_INTENT_AFTER_MS, now: () => later });
      assert.deepEqual(report, { open: 2, placed: 1, notPlaced: 1, unknown: 0 });
      assert.deepEqual((await peer.audit.openIntents()).map((r) => r.seq), [youngIntent.seq], 'the young intent stays open for its own call');

      const rows = await peer.audit.all();
      const resultOf = (intent: AuditRecord) => rows.find((r) => r.phase === 'result' && r.intentSeq === intent.seq);
      const placedResult = resultOf(sentIntent);
      assert.equal(placedResult?.outcome, 'ok');
      assert.deepEqual(detailOf(placedResult)?.txids, [placed.txids[0]], 'the result row names the txid found on the exchange');
      assert.equal(detailOf(placedResult)?.reconciled, true);
      const unsentResult = resultOf(unsentIntent);
      assert.equal(unsentResult?.outcome, 'error');
      assert.deepEqual(detailOf(unsentResult), { reconciled: true, notPlaced: true }, 'the result row says the order was not placed');

      const settled = await peer.deskOrders.findByKey(sent);
      assert.equal(settled?.state, 'placed');
      assert.equal(settled?.txid, placed.txids[0]);
      assert.equal(await peer.deskOrders.findByKey(unsent), null, 'proved not placed: the key is free again');
      assert.equal((await verifyAuditChain(peer)).ok, true);

      // Once it too is old, it is completed. Several instances share only PostgreSQL (SQLite is one process): there two
      // peers passing at once complete the orphan once, because the pass is exclusive across instances.
      const muchLater = Date.parse(youngIntent.at) + ORPHAN_INTENT_AFTER_MS;
      const passes = peer.shared.crossProcess ? [peer, opened.reopen()] : [peer];
      const reports = await Promise.all(passes.map((db) => reconcileOpenIntents(db, kraken, { olderThanMs: ORPHAN_INTENT_AFTER_MS, now: () => muchLater })));
      assert.equal(reports.reduce((n, r) => n + r.notPlaced, 0), 1, JSON.stringify(reports));
      assert.equal((await peer.audit.all()).filter((r) => r.phase === 'result' && r.intentSeq === youngIntent.seq).length, 1);
      assert.deepEqual(await peer.audit.openIntents(), []);
    } finally {
      transport.close();
      await exchange.close();
      await opened.close();
    }
  });
});
