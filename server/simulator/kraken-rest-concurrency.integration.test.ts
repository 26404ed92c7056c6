/**
 * 1,000 concurrent private calls through one lib/kraken client against the built-in exchange (nonce window 0):
 * the per-key signer must send them in nonce order so none is refused with EAPI:Invalid nonce.
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { createKrakenClient } from '../../lib/kraken/rest';
import type { KrakenError } from '../../lib/kraken/errors';
import { keepAliveFetch } from '../kraken-transport';
import { startExchange, type RunningExchange } from './exchange';

const KEY = { key: 'concurrency-key', secret: Buffer.from('concurrency secret for the built-in exchange').toString('base64') };


let exchange: RunningExchange;

before(async () => {
  exchange = await startExchange({ seed: 11, apiKeys: [KEY], tier: 'pro', nonceWindow: 0 });
  // No market data is needed here; a still market leaves the CPU to the 1,000 round trips on a 2-core machine.
  exchange.market.stop();
});
after(() => exchange.close());

test('1,000 concurrent private calls through one client: zero EAPI:Invalid nonce', async (t) => {
  const transport = keepAliveFetch();
  t.after(() => transport.close());
  const client = createKrakenClient({ restUrl: exchange.restUrl, apiKey: KEY.key, apiSecret: KEY.secret, tier: 'pro', fetch: transport });
  // Trading calls do not use the REST counter, so 1,000 of them are not paced; the few reads fit the burst.
  const calls = Array.from({ length: 1000 }, (_, i) => {
    if (i % 100 === 0) return client.private.balance();
    if (i % 3 === 0) return client.private.cancelAll();
    if (i % 3 === 1) return client.private.cancelOrder({ txid: 'OAAAAA-BBBBB-CCCCCC' });
    return client.private.cancelAllOrdersAfter(0);
  });
  const settled = await Promise.allSettled(calls);
  const codes = new Map<string, number>();
  for (const s of settled) {
    const code = s.status === 'fulfilled' ? 'ok' : (s.reason as KrakenError).code;
    codes.set(code, (codes.get(code) ?? 0) + 1);
  }
  const invalidNonces = codes.get('invalid_nonce') ?? 0;
  t.diagnostic(`concurrency figure: 1000 concurrent private calls, ${invalidNonces} EAPI:Invalid nonce; outcomes ${JSON.stringify(Object.fromEntries(codes))}`);
  assert.equal(invalidNonces, 0);
  // Every call reached the matching engine: cancels of an unknown txid are refused as EOrder:Invalid order.
  assert.equal(codes.get('ok'), 670);
  assert.equal(codes.get('invalid_order'), 330);
});
