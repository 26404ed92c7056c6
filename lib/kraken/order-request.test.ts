import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addOrderRequestSchema, encodeAddOrder, encodeCancelOrder, randomClOrdId, type AddOrderRequest } from './order-request';
import { encodeForm } from './rest-http';
import { seededRandom } from './testing/fake-kraken';

const ok = (r: AddOrderRequest) => addOrderRequestSchema.safeParse(r).success;
const base = { pair: 'BTC/USD', side: 'buy', volume: '1.25' } as const;

test('every order type validates with the prices it needs', () => {
  assert.ok(ok({ ...base, orderType: 'market' }));
  assert.ok(ok({ ...base, orderType: 'limit', price: '37500' }));
  assert.ok(ok({ ...base, orderType: 'iceberg', price: '37500', displayVolume: '0.1' }));
  assert.ok(ok({ ...base, orderType: 'stop-loss', price: '-5%' }));
  assert.ok(ok({ ...base, orderType: 'take-profit', price: '#100' }));
  assert.ok(ok({ ...base, orderType: 'stop-loss-limit', price: '30000', price2: '29900' }));
  assert.ok(ok({ ...base, orderType: 'take-profit-limit', price: '40000', price2: '+10' }));
  assert.ok(ok({ ...base, orderType: 'trailing-stop', price: '+2%' }));
  assert.ok(ok({ ...base, orderType: 'trailing-stop-limit', price: '+100', price2: '-10' }));
  assert.ok(ok({ ...base, orderType: 'settle-position', volume: '0' }));
});

test('inconsistent requests are refused before signing', () => {
  assert.equal(ok({ ...base, orderType: 'limit' }), false, 'limit without price');
  assert.equal(ok({ ...base, orderType: 'market', price: '1' }), false);
  assert.equal(ok({ ...base, orderType: 'stop-loss-limit', price: '1' }), false, 'no price2');
  assert.equal(ok({ ...base, orderType: 'trailing-stop', price: '100' }), false, 'trailing needs +');
  assert.equal(ok({ ...base, orderType: 'limit', price: '1', userref: 1, clOrdId: 'a' }), false, 'userref xor cl_ord_id');
  assert.equal(ok({ ...base, orderType: 'limit', price: '1', timeInForce: 'GTD' }), false, 'GTD needs expiretm');
  assert.equal(ok({ ...base, orderType: 'limit', price: '1', oflags: ['fcib', 'fciq'] }), false);
  assert.equal(ok({ ...base, orderType: 'market', oflags: ['post'] }), false);
  assert.equal(ok({ ...base, side: 'sell', orderType: 'market', oflags: ['viqc'] }), false);
  assert.equal(ok({ ...base, orderType: 'limit', price: '1', displayVolume: '0.1' }), false);
  assert.equal(ok({ ...base, orderType: 'limit', price: '1e5' }), false);
  assert.equal(ok({ ...base, orderType: 'limit', price: '1', clOrdId: 'this-text-is-longer-than-18' }), false);
  assert.equal(ok({ ...base, orderType: 'limit', price: '1', userref: 2 ** 31 }), false);
  assert.equal(ok({ ...base, orderType: 'limit', price: '1', startTime: '+5s' }), false);
  assert.equal(ok({ ...base, orderType: 'limit', price: '1', close: { orderType: 'stop-loss-limit', price: '1' } }), false);
});

test('encoding carries every flag and encodes + as %2B', () => {
  const request = addOrderRequestSchema.parse({
    ...base, orderType: 'stop-loss-limit', price: '+100', price2: '-5%', trigger: 'index', leverage: '5:1', reduceOnly: true,
    stpType: 'cancel-both', oflags: ['fciq', 'nompp'], timeInForce: 'GTD', startTime: '+10', expireTime: '+3600',
    close: { orderType: 'take-profit-limit', price: '#5', price2: '+1' }, deadline: '2026-11-25T16:00:05Z', validate: true,
  });
  const body = encodeForm({ nonce: '1', ...encodeAddOrder(request, 'XXBTZUSD', 'desk-7') });
  assert.equal(body, 'nonce=1&pair=XXBTZUSD&type=buy&ordertype=stop-loss-limit&volume=1.25&price=%2B100&price2=-5%25'
    + '&trigger=index&leverage=5%3A1&reduce_only=true&stptype=cancel-both&oflags=fciq%2Cnompp&timeinforce=GTD'
    + '&starttm=%2B10&expiretm=%2B3600&cl_ord_id=desk-7&close%5Bordertype%5D=take-profit-limit&close%5Bprice%5D=%235'
    + '&close%5Bprice2%5D=%2B1&deadline=2026-11-25T16%3A00%3A05Z&validate=true');
  const decoded = new URLSearchParams(body);
  assert.equal(decoded.get('starttm'), '+10');
  assert.equal(decoded.get('close[price]'), '#5');
  const iceberg = encodeAddOrder(addOrderRequestSchema.parse({ ...base, orderType: 'iceberg', price: '1', displayVolume: '0.1', userref: 9 }), 'X', undefined);
  assert.equal(iceberg.displayvol, '0.1');
  assert.equal(iceberg.userref, '9');
  assert.equal(iceberg.cl_ord_id, undefined);
});

test('cancel by txid, userref or cl_ord_id', () => {
  assert.deepEqual(encodeCancelOrder({ txid: 'O1' }), { txid: 'O1' });
  assert.deepEqual(encodeCancelOrder({ userref: 5 }), { txid: '5' });
  assert.deepEqual(encodeCancelOrder({ clOrdId: 'c' }), { cl_ord_id: 'c' });
});

test('generated cl_ord_ids are v4 UUIDs and differ', () => {
  const random = seededRandom(3);
  const a = randomClOrdId(random);
  const b = randomClOrdId(random);
  assert.match(a, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.notEqual(a, b);
});
