/**
 * The shared signer turn, REST counter and named locks on a real PostgreSQL, with two desk "instances" (two DeskDbs,
 * each with its own pools, as two processes would have) on one key of the built-in exchange over HTTP. The proof with
 * two real desk processes is server/multi/two-instances.integration.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createKrakenClient, type KrakenClient } from '../../kraken/rest';
import type { KrakenError } from '../../kraken/errors';
import { keepAliveFetch } from '../../../server/kraken-transport';
import { startExchange, type RunningExchange } from '../../../server/simulator/exchange';
import { STORES, type OpenedStore } from '../contract/stores';
import type { DeskDb } from '../database';
import { krakenKeyId } from './shared-state';
import { sharedTradingRates } from '../../orders/trading-rates';
import { OrderRateError } from '../../orders/trading-rate';
import { SharedLoginThrottle } from '../../auth/shared-throttle';

const postgres = STORES.find((s) => s.name === 'postgres')!;
const KEY = { key: 'shared-state-key', secret: Buffer.from('shared state secret for the built-in exchange').toString('base64') };

function outcomes(settled: PromiseSettledResult<unknown>[]): Map<string, number> {
  const codes = new Map<string, number>();
  for (const s of settled) {
    const code = s.status === 'fulfilled' ? 'ok' : (s.reason as KrakenError).code;
    codes.set(code, (codes.get(code) ?? 0) + 1);
  }
  return codes;
}

describe('PostgreSQL shared state across two instances', () => {
  let exchange: RunningExchange;
  let store: OpenedStore;
  let dbs: DeskDb[];
  const transport = keepAliveFetch();
  const client = (db: DeskDb, shared = true): KrakenClient => createKrakenClient({
    restUrl: exchange.restUrl, apiKey: KEY.key, apiSecret: KEY.secret, tier: 'pro', timeoutMs: 5000, fetch: transport,
    ...(shared ? db.shared.krakenKey(KEY.key, { tier: 'pro' }) : {}),
  });

  before(async () => {
    store = await postgres.open();
    exchange = await startExchange({ seed: 13, apiKeys: [KEY], tier: 'pro', nonceWindow: 0 });
    exchange.market.stop();
    dbs = [store.db, store.reopen()];
  });
  after(async () => {
    transport.close();
    await exchange.close();
    await store.close();
  });

  it('1,000 private calls split over two instances: 0 EAPI:Invalid nonce, the stored nonce is the last one sent', async (t) => {
    const clients = dbs.map((db) => client(db));
    const settled = await Promise.allSettled(Array.from({ length: 1000 }, (_, i) => {
      const c = clients[i % 2]!;
      if (i % 100 === 0) return c.private.balance();
      return i % 2 === 0 ? c.private.cancelOrder({ txid: 'OAAAAA-BBBBB-CCCCCC' }) : c.private.cancelAllOrdersAfter(0);
    }));
    const codes = outcomes(settled);
    t.diagnostic(`concurrency figure (in-process, two pools): 1000 calls → ${JSON.stringify(Object.fromEntries(codes))}`);
    assert.equal(codes.get('invalid_nonce') ?? 0, 0);
    assert.equal((codes.get('ok') ?? 0) + (codes.get('invalid_order') ?? 0), 1000);
    const info = await clients[1]!.private.getApiKeyInfo();
    const [row] = await store.sql('SELECT last_nonce::text AS n FROM kraken_signer WHERE key_id = $1', [krakenKeyId(KEY.key)]);
    assert.equal(row!.n, info.nonce, 'the row holds the nonce Kraken saw last');
  });

  it('control: two instances with their own nonces collide', async (t) => {
    const clients = dbs.map((db) => client(db, false));
    const codes = outcomes(await Promise.allSettled(Array.from({ length: 200 }, (_, i) => clients[i % 2]!.private.cancelAllOrdersAfter(0))));
    t.diagnostic(`control: 200 calls without the shared gate → ${JSON.stringify(Object.fromEntries(codes))}`);
    assert.ok((codes.get('invalid_nonce') ?? 0) > 0);
  });

  it('the REST counter is one budget: 26 reads over two instances, none refused by the exchange', async (t) => {
    const clients = dbs.map((db) => client(db));
    const codes = outcomes(await Promise.allSettled(Array.from({ length: 26 }, (_, i) => clients[i % 2]!.private.balance())));
    t.diagnostic(`26 Balance reads (tier pro: 20 + 1/s) over two instances → ${JSON.stringify(Object.fromEntries(codes))}`);
    assert.equal(codes.get('ok'), 26);
  });

  it('a named lock is held by one instance at a time', async () => {
    let inside = 0;
    let most = 0;
    await Promise.all(Array.from({ length: 20 }, (_, i) => dbs[i % 2]!.shared.exclusive('member:7', async () => {
      inside++;
      most = Math.max(most, inside);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inside--;
    })));
    assert.equal(most, 1);
  });

  it("Kraken's per-pair trading counter is one budget: a member's share and the pair's ceiling hold across instances", async (t) => {
    const rates = dbs.map((db) => sharedTradingRates(db.shared.levels!, { tier: 'starter', headroom: 0, memberShare: 0.5 }));
    const attempt = (symbol: string, i: number, memberId: number) => rates[i % 2]!.charge(symbol, memberId, { kind: 'add' })
      .then(() => 'ok', (e: unknown) => (e instanceof OrderRateError ? e.code : String(e)));
    const count = (list: string[], code: string) => list.filter((x) => x === code).length;
    // starter: 60 units a pair, decaying 1/s; one member may use half
    const one = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt('ETH/USD', i, 1)));
    const started = Date.now();
    const team = await Promise.all(Array.from({ length: 100 }, (_, i) => attempt('SOL/USD', i, 1 + (i % 5))));
    const decayed = Math.ceil((Date.now() - started) / 1000) + 1;
    t.diagnostic(`one member, 40 adds over two instances: ${count(one, 'ok')} charged; five members, 100 adds: ${count(team, 'ok')} charged, ${count(team, 'order_rate_pair')} refused for the pair`);
    assert.ok(count(one, 'ok') >= 30 && count(one, 'ok') <= 31, 'one share: 30 units (plus at most one decayed meanwhile)');
    assert.equal(count(one, 'order_rate_member'), 40 - count(one, 'ok'));
    assert.ok(count(team, 'ok') >= 60 && count(team, 'ok') <= 60 + decayed, `the pair ceiling holds: ${count(team, 'ok')}`);
    assert.ok(count(team, 'order_rate_pair') > 0);
  });

  it('the sign-in throttle counts over both instances: 40 simultaneous guesses, 5 checked; the 6th failure waits', async (t) => {
    const throttles = dbs.map((db) => new SharedLoginThrottle(db.shared.throttleStore!));
    const verdicts = await Promise.all(Array.from({ length: 40 }, (_, i) => throttles[i % 2]!.begin('alice', `10.9.0.${i}`)));
    const allowed = verdicts.filter((v) => v.allowed);
    for (const ticket of allowed) if (ticket.allowed) await throttles[0]!.finish(ticket, 'failure');
    const next = await throttles[1]!.begin('alice', '10.9.1.1');
    t.diagnostic(`40 guesses over two instances: ${allowed.length} checked; then ${next.allowed ? 'allowed' : `wait ${next.retryAfterMs} ms`}`);
    assert.equal(allowed.length, 5);
    assert.equal(next.allowed, false);
  });

  it('the sign-in throttle\'s sweep of old rows goes by the throttle\'s clock, so a clock behind this process\'s forgets nothing early', async (t) => {
    t.mock.method(Math, 'random', () => 0); // the sweep (2% of updates) runs on every update
    let clock = Date.parse('2026-01-01T00:00:00.000Z'); // months behind the machine's clock, as a test's virtual clock is
    const throttle = new SharedLoginThrottle(dbs[0]!.shared.throttleStore!, { now: () => clock });
    for (let i = 0; i < 5; i++) {
      const ticket = await throttle.begin('sweep-bob', '10.9.2.1');
      assert.equal(ticket.allowed, true, `guess ${i + 1} is free`);
      if (ticket.allowed) await throttle.finish(ticket, 'failure');
      clock += 1_000;
    }
    assert.equal((await throttle.begin('sweep-bob', '10.9.2.1')).allowed, false, 'the sixth waits: no failure was swept away');
  });
});
