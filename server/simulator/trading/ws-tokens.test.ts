import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEFAULT_TOKEN_TTL_MS, TokenIssuer, tokenTtlMsFromEnv } from './tokens';
import { harness } from './test-helpers';
import { TestSocket, serveAuthSocket, type Frame } from './ws-test-helpers';

/**
 * Kraken's token rule on /auth/v2: a token opens new subscriptions for 15 minutes after it was issued; it
 * does not expire while a private subscription made with it is maintained on its socket.
 */

const FIFTEEN_MIN_S = 15 * 60;

async function setup() {
  const h = harness();
  const server = await serveAuthSocket(h.trading);
  const sockets: TestSocket[] = [];
  const open = async () => {
    const ws = await TestSocket.open(server.url);
    sockets.push(ws);
    return ws;
  };
  let reqId = 100;
  /** Sends one request and returns its answer. */
  const ask = async (ws: TestSocket, method: string, params: Record<string, unknown>): Promise<Frame> => {
    const id = ++reqId;
    ws.send({ method, params, req_id: id });
    return ws.next((f) => f.req_id === id);
  };
  const done = async () => {
    for (const ws of sockets) ws.close();
    await server.close();
    await h.trading.close();
  };
  return { h, open, ask, done };
}

test('an old token is refused for a new subscription on a new socket, and for trading there', async (t) => {
  const { h, open, ask, done } = await setup();
  t.after(done);
  const token = (await h.ok('GetWebSocketsToken')).token as string;
  h.clock.advance(FIFTEEN_MIN_S - 2);
  const early = await open();
  assert.equal((await ask(early, 'subscribe', { channel: 'balances', token })).success, true, 'within 15 minutes');
  h.clock.advance(3);
  const late = await open();
  const refused = await ask(late, 'subscribe', { channel: 'executions', token });
  assert.deepEqual([refused.success, refused.error], [false, 'EAPI:Invalid token']);
  assert.equal((await ask(late, 'cancel_all', { token })).error, 'EAPI:Invalid token');
  const fresh = (await h.ok('GetWebSocketsToken')).token as string;
  assert.equal((await ask(late, 'subscribe', { channel: 'executions', token: fresh })).success, true);
});

test('a socket that maintains a private subscription keeps its token alive past 15 minutes, until it lets go', async (t) => {
  const { h, open, ask, done } = await setup();
  t.after(done);
  const token = (await h.ok('GetWebSocketsToken')).token as string;
  const ws = await open();
  assert.equal((await ask(ws, 'subscribe', { channel: 'executions', token })).success, true);
  h.clock.advance(3 * FIFTEEN_MIN_S);
  // maintained: a second private subscription, trading and unsubscribing still work with the same token
  assert.equal((await ask(ws, 'subscribe', { channel: 'balances', token })).success, true);
  assert.equal((await ask(ws, 'cancel_all', { token })).success, true);
  assert.equal((await ask(ws, 'unsubscribe', { channel: 'balances', token })).success, true);
  // ...but only on its own socket
  const other = await open();
  assert.equal((await ask(other, 'subscribe', { channel: 'balances', token })).error, 'EAPI:Invalid token');
  // once the socket maintains nothing made with it, the old token is dead there too
  assert.equal((await ask(ws, 'unsubscribe', { channel: 'executions', token })).success, true);
  assert.equal((await ask(ws, 'subscribe', { channel: 'executions', token })).error, 'EAPI:Invalid token');
});

test('closing the socket ends the maintenance; issuing more tokens does not forget a maintained one', () => {
  let now = 0;
  const issuer = new TokenIssuer(() => now, 1000);
  const perms = new Set(['query-open-trades']);
  const { token, expires } = issuer.issue(perms);
  assert.equal(expires, 1);
  issuer.hold(token);
  now = 5000;
  issuer.issue(perms); // sweeps expired tokens: a held one must survive
  assert.equal(issuer.permissions(token, true), perms);
  assert.equal(issuer.permissions(token, false), undefined, 'not maintained by the asking socket');
  issuer.release(token);
  assert.equal(issuer.permissions(token, true), undefined);
});

test('the lifetime is Kraken\'s 15 minutes unless EXCHANGE_WS_TOKEN_TTL_S shortens it; nonsense is refused', () => {
  assert.equal(tokenTtlMsFromEnv({}), DEFAULT_TOKEN_TTL_MS);
  assert.equal(DEFAULT_TOKEN_TTL_MS, 900_000);
  assert.equal(tokenTtlMsFromEnv({ EXCHANGE_WS_TOKEN_TTL_S: '5' }), 5000);
  assert.throws(() => tokenTtlMsFromEnv({ EXCHANGE_WS_TOKEN_TTL_S: '0' }), /whole number of seconds/);
  assert.throws(() => tokenTtlMsFromEnv({ EXCHANGE_WS_TOKEN_TTL_S: '1.5' }), /whole number of seconds/);
});
