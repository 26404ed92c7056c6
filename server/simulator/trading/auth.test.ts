import { test } from 'node:test';
import assert from 'node:assert/strict';
import { signRequest } from '../../../lib/kraken/sign';
import { Authenticator, extractNonce } from './auth';
import { FakeFaults, FakeMarket, KEY, SECRET, signedForm } from './test-helpers';
import { createTrading } from './index';

const PATH = '/0/private/Balance';

function signed(nonce: string, extra = '', secret = SECRET) {
  const body = `nonce=${nonce}${extra}`;
  return { body, sign: signRequest(PATH, nonce, body, secret) };
}

test('accepts a correct signature over the raw form body and rejects a tampered one', () => {
  const auth = new Authenticator([{ key: KEY, secret: SECRET }], 0n);
  const { body, sign } = signed('1000', '&asset=ZUSD');
  assert.deepEqual(auth.verify(PATH, body, false, KEY, sign).ok, true);
  const again = signed('1001', '&asset=ZUSD');
  const r = auth.verify(PATH, again.body.replace('ZUSD', 'ZEUR'), false, KEY, again.sign);
  assert.deepEqual(r, { ok: false, error: 'EAPI:Invalid signature' });
});

test('verifies JSON bodies over the exact text and keeps nonces above 2^53 exact', () => {
  const auth = new Authenticator([{ key: KEY, secret: SECRET }], 0n);
  const nonce = '1700000000000000123';
  const body = `{"nonce": ${nonce}, "asset":"ZUSD"}`;
  assert.equal(extractNonce(body, true), nonce);
  const sign = signRequest(PATH, nonce, body, SECRET);
  assert.equal(auth.verify(PATH, body, true, KEY, sign).ok, true);
  assert.equal(auth.nonces.get(KEY)?.last, nonce);
});

test('unknown or missing key, wrong secret and missing nonce give Kraken errors', () => {
  const auth = new Authenticator([{ key: KEY, secret: SECRET }], 0n);
  const { body, sign } = signed('5');
  assert.deepEqual(auth.verify(PATH, body, false, 'nope', sign), { ok: false, error: 'EAPI:Invalid key' });
  assert.deepEqual(auth.verify(PATH, body, false, undefined, sign), { ok: false, error: 'EAPI:Invalid key' });
  const other = signed('6', '', Buffer.from('another-secret').toString('base64'));
  assert.deepEqual(auth.verify(PATH, other.body, false, KEY, other.sign), { ok: false, error: 'EAPI:Invalid signature' });
  assert.deepEqual(auth.verify(PATH, 'asset=ZUSD', false, KEY, sign), { ok: false, error: 'EAPI:Invalid nonce' });
});

test('without a window nonces must strictly increase per key (arrival order)', () => {
  const auth = new Authenticator([{ key: KEY, secret: SECRET }, { key: 'k2', secret: SECRET }], 0n);
  const verify = (n: string, key = KEY) => {
    const { body, sign } = signed(n);
    return auth.verify(PATH, body, false, key, sign);
  };
  assert.equal(verify('200').ok, true);
  assert.deepEqual(verify('199'), { ok: false, error: 'EAPI:Invalid nonce' });
  assert.deepEqual(verify('200'), { ok: false, error: 'EAPI:Invalid nonce' });
  assert.equal(verify('201').ok, true);
  assert.equal(verify('5', 'k2').ok, true, 'keys are independent');
});

test('a nonce window accepts lower unseen nonces inside it, once', () => {
  const auth = new Authenticator([{ key: KEY, secret: SECRET }], 10n);
  const verify = (n: string) => {
    const { body, sign } = signed(n);
    return auth.verify(PATH, body, false, KEY, sign).ok;
  };
  assert.equal(verify('100'), true);
  assert.equal(verify('95'), true, 'inside window');
  assert.equal(verify('95'), false, 'replay refused');
  assert.equal(verify('100'), false, 'replay of the last refused');
  assert.equal(verify('90'), false, 'at the window edge');
  assert.equal(verify('105'), true);
  assert.equal(verify('100'), false, 'previous last stays seen');
  assert.equal(verify('97'), true);
});

test('permissions per method follow the API key permissions through handlePrivate', async () => {
  const market = new FakeMarket();
  const trading = createTrading({
    market, faults: new FakeFaults(), apiKeys: [{ key: 'ro', secret: SECRET, permissions: ['query-funds', 'close-trades'] }],
  });
  const call = async (method: string, params: Record<string, string> = {}) => {
    const { body, sign } = signedForm(method, params);
    const res = await trading.handlePrivate(method, body, { apiKey: 'ro', apiSign: sign });
    assert.notEqual(res, 'drop');
    return (res as { body: { error: string[] } }).body.error;
  };
  assert.deepEqual(await call('Balance'), []);
  assert.deepEqual(await call('OpenOrders'), ['EGeneral:Permission denied']);
  assert.deepEqual(await call('Ledgers'), ['EGeneral:Permission denied']);
  assert.deepEqual(await call('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'market', volume: '1' }), ['EGeneral:Permission denied']);
  assert.deepEqual(await call('GetWebSocketsToken'), ['EGeneral:Permission denied']);
  assert.deepEqual(await call('CancelAll'), [], 'Cancel & close is enough for CancelAll');
  await trading.close();
});

test('unknown method and unknown key through handlePrivate', async () => {
  const trading = createTrading({ market: new FakeMarket(), faults: new FakeFaults(), apiKeys: [{ key: KEY, secret: SECRET }] });
  const { body, sign } = signedForm('Balance', {});
  assert.deepEqual(await trading.handlePrivate('Withdraw2', body, { apiKey: KEY, apiSign: sign }), { body: { error: ['EGeneral:Unknown method'] } });
  assert.deepEqual(await trading.handlePrivate('Balance', body, { apiKey: 'x', apiSign: sign }), { body: { error: ['EAPI:Invalid key'] } });
  assert.deepEqual(await trading.handlePrivate('Balance', body, { apiKey: KEY }), { body: { error: ['EAPI:Invalid signature'] } });
  await trading.close();
});

test('ten sequential invalid-key answers lock that key text out for 15 minutes', () => {
  let now = 0;
  const auth = new Authenticator([{ key: KEY, secret: SECRET }], 0n, () => now);
  const { body, sign } = signed('1');
  for (let i = 0; i < 10; i++) assert.equal((auth.verify(PATH, body, false, 'gone', sign) as { error: string }).error, 'EAPI:Invalid key');
  assert.deepEqual(auth.verify(PATH, body, false, 'gone', sign), { ok: false, error: 'EGeneral:Temporary lockout' });
  assert.equal(auth.verify(PATH, body, false, KEY, sign).ok, true, 'valid keys are unaffected');
  now += 15 * 60_000;
  assert.deepEqual(auth.verify(PATH, body, false, 'gone', sign), { ok: false, error: 'EAPI:Invalid key' });
});

test('a key configured with a permission name Kraken does not use is refused at start, not silently left without it', () => {
  assert.throws(() => new Authenticator([{ key: KEY, secret: SECRET, permissions: ['query-funds', 'trade'] }], 0n), /unknown API key permission trade/);
});
