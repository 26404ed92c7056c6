import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signRequest } from '../../../lib/kraken/sign';
import { KEY, SECRET, harness, nextNonce, type Loose } from './test-helpers';

/** Sends a JSON body exactly as written (python-kraken-sdk style: nonce inside the signed JSON text). */
async function jsonCall(h: ReturnType<typeof harness>, method: string, fields: string): Promise<{ error: string[]; result?: Loose }> {
  const n = nextNonce();
  const body = `{"nonce": ${n}${fields ? `, ${fields}` : ''}}`;
  const sign = signRequest(`/0/private/${method}`, n, body, SECRET);
  const res = await h.trading.handlePrivate(method, body, { apiKey: KEY, apiSign: sign, contentType: 'application/json' });
  assert.notEqual(res, 'drop');
  return (res as { body: { error: string[]; result?: Loose } }).body;
}

test('JSON bodies: AddOrder with numbers and booleans, AddOrderBatch and CancelOrderBatch with arrays', async (t) => {
  const h = harness();
  t.after(() => h.trading.close());
  const single = await jsonCall(h, 'AddOrder', '"pair":"XBTUSD","type":"buy","ordertype":"limit","price":29000,"volume":0.1,"userref":9');
  assert.deepEqual(single.error, []);
  assert.equal(single.result.descr.order, 'buy 0.10000000 XBTUSD @ limit 29000.0');
  const validated = await jsonCall(h, 'AddOrder', '"pair":"XBTUSD","type":"buy","ordertype":"limit","price":"29000","volume":"0.1","validate":true');
  assert.equal(validated.result.txid, undefined);

  const batch = await jsonCall(h, 'AddOrderBatch',
    '"pair":"BTC/USD","orders":[{"ordertype":"limit","type":"buy","volume":"0.1","price":"28000"},{"ordertype":"limit","type":"sell","volume":"0.1","price":"32000","cl_ord_id":"json-2"}]');
  assert.deepEqual(batch.error, []);
  const ids = batch.result.orders.map((o: Loose) => o.txid);
  assert.equal(ids.length, 2);
  const cancel = await jsonCall(h, 'CancelOrderBatch', `"orders":["${ids[0]}","9"],"cl_ord_ids":["json-2"]`);
  assert.deepEqual(cancel.result, { count: 3 });
  assert.deepEqual((await h.ok('OpenOrders')).open, {});
  const broken = await h.trading.handlePrivate('Balance', '{"nonce": 1', { apiKey: KEY, apiSign: 'x', contentType: 'application/json' });
  assert.deepEqual(broken, { body: { error: ['EAPI:Invalid signature'] } });
});
