/**
 * Key permissions on the built-in exchange over real HTTP and WS: every private REST method and every WS v2
 * private method is refused with Kraken's `EGeneral:Permission denied` when the key lacks what it needs, and is
 * let through (whatever else it answers) when the key has it. GetApiKeyInfo needs no permission.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signRequest } from '../../../lib/kraken/sign';
import { startExchange, type RunningExchange } from '../exchange';
import { KRAKEN_PERMISSIONS } from '../../../lib/kraken/permissions';
import { METHOD_PERMISSIONS, WS_CHANNEL_PERMISSIONS, WS_METHOD_PERMISSIONS } from './auth';
import { TestSocket } from './ws-test-helpers';

const SECRET = Buffer.from('permission test secret for the built-in exchange').toString('base64');
const DENIED = 'EGeneral:Permission denied';
const without = (needed: readonly string[]) => KRAKEN_PERMISSIONS.filter((p) => !needed.includes(p));
const restMethods = Object.entries(METHOD_PERMISSIONS).filter(([, needed]) => needed.length > 0);

let exchange: RunningExchange;
let nonce = Date.now() * 1000;

async function privateCall(key: string, method: string, params: Record<string, string> = {}) {
  const path = `/0/private/${method}`;
  const n = String(++nonce);
  const body = new URLSearchParams({ nonce: n, ...params }).toString();
  const res = await fetch(`${exchange.restUrl}${path}`, {
    method: 'POST',
    headers: { 'API-Key': key, 'API-Sign': signRequest(path, n, body, SECRET), 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return (await res.json()) as { error: string[]; result?: Record<string, unknown> };
}

async function wsToken(key: string): Promise<string> {
  const answer = await privateCall(key, 'GetWebSocketsToken');
  assert.deepEqual(answer.error, []);
  return answer.result!.token as string;
}

describe('API key permissions on the built-in exchange', () => {
  before(async () => {
    exchange = await startExchange({
      seed: 12, tier: 'pro',
      apiKeys: [
        ...restMethods.flatMap(([method, needed]) => [
          { key: `lacks-${method}`, secret: SECRET, permissions: without(needed) },
          { key: `has-${method}`, secret: SECRET, permissions: [...needed] },
        ]),
        { key: 'no-trading', secret: SECRET, permissions: without(['modify-trades', 'close-trades']) },
        { key: 'cancel-only', secret: SECRET, permissions: ['create-ws-token', 'close-trades'] },
        { key: 'ws-only', secret: SECRET, permissions: ['create-ws-token'] },
        { key: 'nothing', secret: SECRET, permissions: [], name: 'read-nothing' },
        { key: 'everything', secret: SECRET, name: 'desk-key' },
      ],
    });
  });
  after(() => exchange.close());

  test('REST: each private method is refused with EGeneral:Permission denied without its permission', async () => {
    assert.ok(restMethods.length >= 20, 'every private method is covered');
    for (const [method] of restMethods) {
      assert.deepEqual((await privateCall(`lacks-${method}`, method)).error, [DENIED], `${method} without its permission`);
      const allowed = await privateCall(`has-${method}`, method);
      assert.ok(!allowed.error.includes(DENIED), `${method} with only its permission got ${allowed.error.join(',')}`);
    }
  });

  test('WS v2: each trading method is refused without Create & modify or Cancel & close', async (t) => {
    const ws = await TestSocket.open(exchange.wsAuthUrl);
    t.after(() => ws.close());
    const token = await wsToken('no-trading');
    const cancelToken = await wsToken('cancel-only');
    const params: Record<string, Record<string, unknown>> = {
      add_order: { order_type: 'limit', side: 'buy', order_qty: 0.1, limit_price: 1000, symbol: 'BTC/USD' },
      amend_order: { order_id: 'OAAAAA-AAAAA-AAAAAA', order_qty: 0.2 },
      edit_order: { order_id: 'OAAAAA-AAAAA-AAAAAA', order_qty: 0.2, symbol: 'BTC/USD' },
      batch_add: { symbol: 'BTC/USD', orders: [{ order_type: 'limit', side: 'buy', order_qty: 0.1, limit_price: 1000 }, { order_type: 'limit', side: 'buy', order_qty: 0.1, limit_price: 1001 }] },
      batch_cancel: { orders: ['OAAAAA-AAAAA-AAAAAA', 'OBBBBB-BBBBB-BBBBBB'] },
      cancel_order: { order_id: ['OAAAAA-AAAAA-AAAAAA'] },
      cancel_all: {},
      cancel_all_orders_after: { timeout: 0 },
    };
    assert.deepEqual(Object.keys(params).sort(), Object.keys(WS_METHOD_PERMISSIONS).sort(), 'every WS trading method is covered');
    let reqId = 0;
    for (const [method, p] of Object.entries(params)) {
      ws.send({ method, params: { token, ...p }, req_id: ++reqId });
      const refused = await ws.next((f) => f.req_id === reqId);
      assert.equal(refused.error, DENIED, `${method} without trading permissions`);
      ws.send({ method, params: { token: cancelToken, ...p }, req_id: ++reqId });
      const withCancel = await ws.next((f) => f.req_id === reqId);
      const cancelling = WS_METHOD_PERMISSIONS[method]!.includes('close-trades');
      assert.equal(withCancel.error === DENIED, !cancelling, `${method} with Cancel & close only: ${String(withCancel.error)}`);
    }
  });

  test('WS v2: executions needs Query open orders & trades, balances needs Query funds', async (t) => {
    const ws = await TestSocket.open(exchange.wsAuthUrl);
    t.after(() => ws.close());
    const token = await wsToken('ws-only');
    for (const [i, channel] of (['executions', 'balances'] as const).entries()) {
      ws.send({ method: 'subscribe', params: { channel, token }, req_id: i + 1 });
      assert.equal((await ws.next((f) => f.req_id === i + 1)).error, DENIED, `${channel} without ${WS_CHANNEL_PERMISSIONS[channel]}`);
    }
  });

  test('GetApiKeyInfo answers any valid key in Kraken\'s documented shape', async () => {
    const bare = await privateCall('nothing', 'GetApiKeyInfo');
    assert.deepEqual(bare.error, [], 'no permission needed');
    assert.equal(bare.result!.apiKeyName, 'read-nothing');
    assert.deepEqual(bare.result!.permissions, []);
    const full = (await privateCall('everything', 'GetApiKeyInfo')).result!;
    assert.deepEqual(Object.keys(full).sort(), [
      'apiKey', 'apiKeyName', 'createdTime', 'iban', 'ipAllowlist', 'lastUsed', 'modifiedTime', 'nonce', 'nonceWindow', 'permissions',
      'queryFrom', 'queryTo', 'validUntil',
    ]);
    assert.equal(full.apiKey, 'everything');
    assert.equal(full.apiKeyName, 'desk-key');
    assert.deepEqual(full.permissions, [...KRAKEN_PERMISSIONS], 'a key without configured permissions has all 13, withdraw-funds included');
    assert.equal(full.nonce, String(nonce), 'the nonce of this very call is the highest seen');
    assert.equal(full.nonceWindow, 0);
    for (const field of ['validUntil', 'queryFrom', 'queryTo']) assert.equal(full[field], '0', `${field}: no restriction`);
    for (const field of ['createdTime', 'modifiedTime', 'lastUsed']) assert.match(String(full[field]), /^\d{10}$/, `${field} in Unix seconds as text`);
    assert.ok(Math.abs(Number(full.lastUsed) - Date.now() / 1000) < 5, 'this call counts as the last use');
    assert.deepEqual(full.ipAllowlist, []);
    assert.match(String(full.iban), /^AA\d{2}( [A-Z0-9]{4}){3}$/);
  });
});
