/**
 * Third-party client check: an unmodified ccxt (REST) and ccxt.pro (WS v2 auth socket) trade against the
 * built-in exchange exactly as they would against Kraken, only the base URLs are changed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import ccxt from 'ccxt';
import { startExchange, type RunningExchange } from '../exchange';
import type { Loose } from './test-helpers';
import { waitFor } from '../../testing/wait-for';

const KEY = 'ccxt-key';
const SECRET = Buffer.from('ccxt-paper-secret-abcdefghijklmnop').toString('base64');

function pointAt<T extends { urls: Loose }>(client: T, ex: RunningExchange): T {
  client.urls.api.public = ex.restUrl;
  client.urls.api.private = ex.restUrl;
  if (client.urls.api.ws) {
    client.urls.api.ws.publicV2 = ex.wsUrl;
    client.urls.api.ws.privateV2 = ex.wsAuthUrl;
  }
  return client;
}

type Amounts = Record<string, number | undefined>;
/** ccxt's Balances type indexes by currency at runtime; this reads one bucket (total/free/used) by code. */
const amount = (b: unknown, bucket: 'total' | 'free' | 'used', code: string) =>
  ((b as Record<string, Amounts>)[bucket] ?? {})[code];

/** ccxt updates its caches in place: poll until `check` finds the value (bounded: 2 s). */
const eventually = <T>(check: () => T | undefined) => waitFor(check, 'condition not met in time', { timeoutMs: 2000, intervalMs: 20 });

test('ccxt REST: balance, limit and market orders, open/closed queries, cancel, my trades', async (t) => {
  const ex = await startExchange({ apiKeys: [{ key: KEY, secret: SECRET }] });
  t.after(() => ex.close());
  const kraken = pointAt(new ccxt.kraken({ apiKey: KEY, secret: SECRET, enableRateLimit: false }), ex);
  await kraken.loadMarkets();

  const balance = await kraken.fetchBalance();
  assert.equal(amount(balance, 'total', 'USD'), 1_000_000);
  assert.equal(amount(balance, 'free', 'BTC'), 10);

  const ticker = await kraken.fetchTicker('BTC/USD');
  const farBid = Number(kraken.priceToPrecision('BTC/USD', (ticker.bid as number) * 0.9));
  const limit = await kraken.createOrder('BTC/USD', 'limit', 'buy', 0.01, farBid);
  assert.match(String(limit.id), /^O[A-Z2-7]{5}-[A-Z2-7]{5}-[A-Z2-7]{6}$/);
  const held = await kraken.fetchBalance();
  assert.ok((amount(held, 'used', 'USD') as number) > 0, 'the resting order holds quote');

  const market = await kraken.createOrder('BTC/USD', 'market', 'buy', 0.02);
  const open = await kraken.fetchOpenOrders('BTC/USD');
  assert.deepEqual(open.map((o) => o.id), [limit.id]);
  assert.equal(open[0]!.price, farBid);
  assert.equal(open[0]!.amount, 0.01);
  assert.equal(open[0]!.status, 'open');

  const fetched = await kraken.fetchOrder(String(market.id));
  assert.equal(fetched.status, 'closed');
  assert.equal(fetched.filled, 0.02);
  assert.equal(fetched.symbol, 'BTC/USD');
  assert.equal(fetched.side, 'buy');
  assert.ok((fetched.average as number) > 0);

  await kraken.cancelOrder(String(limit.id));
  assert.deepEqual(await kraken.fetchOpenOrders(), []);
  const closed = await kraken.fetchClosedOrders();
  const byId = new Map(closed.map((o) => [o.id, o]));
  assert.equal(byId.get(limit.id)?.status, 'canceled');
  assert.equal(byId.get(market.id)?.status, 'closed');

  const trades = await kraken.fetchMyTrades('BTC/USD');
  assert.ok(trades.length >= 1);
  assert.ok(trades.every((tr) => tr.order === market.id && tr.symbol === 'BTC/USD' && tr.side === 'buy'));
  assert.equal(Number(trades.reduce((s, tr) => s + (tr.amount as number), 0).toFixed(8)), 0.02);
  assert.equal(trades[0]!.fee?.currency, 'USD');

  const after = await kraken.fetchBalance();
  assert.equal(amount(after, 'total', 'BTC'), 10.02);
  assert.equal(amount(after, 'used', 'USD'), 0);
});

test('ccxt REST: stop-loss and trailing orders, editOrder (AmendOrder), cancelAllOrders, dead-man switch', async (t) => {
  const ex = await startExchange({ apiKeys: [{ key: KEY, secret: SECRET }] });
  t.after(() => ex.close());
  const kraken = pointAt(new ccxt.kraken({ apiKey: KEY, secret: SECRET, enableRateLimit: false }), ex);
  await kraken.loadMarkets();
  const last = (await kraken.fetchTicker('BTC/USD')).last as number;
  const stopAt = Math.round(last * 0.5);
  const stop = await kraken.createOrder('BTC/USD', 'market', 'sell', 0.01, undefined, { stopLossPrice: stopAt });
  const trailing = await kraken.createOrder('BTC/USD', 'market', 'sell', 0.01, undefined, { trailingAmount: 5000 });
  const limit = await kraken.createOrder('BTC/USD', 'limit', 'buy', 0.01, stopAt);
  const open = new Map((await kraken.fetchOpenOrders()).map((o) => [o.id, o]));
  assert.equal(open.size, 3);
  assert.equal(open.get(stop.id)?.triggerPrice, stopAt);
  assert.equal(open.get(trailing.id)?.type, 'trailing-stop');

  await kraken.editOrder(String(limit.id), 'BTC/USD', 'limit', 'buy', 0.02, stopAt + 100);
  const edited = await kraken.fetchOrder(String(limit.id));
  assert.equal(edited.amount, 0.02, 'amended in place, same id');
  assert.equal(edited.price, stopAt + 100);

  const armed = await kraken.cancelAllOrdersAfter(60_000);
  assert.equal(Date.parse((armed as Loose).result.triggerTime) - Date.parse((armed as Loose).result.currentTime), 60_000);
  const cancelled = (await kraken.cancelAllOrders()) as Loose[];
  assert.equal(cancelled[0].info.result.count, 3);
  assert.deepEqual(await kraken.fetchOpenOrders(), []);
});

test('ccxt.pro WS v2: watchBalance, watchOrders and watchMyTrades over the auth socket', async (t) => {
  const ex = await startExchange({ apiKeys: [{ key: KEY, secret: SECRET }] });
  const pro = pointAt(new ccxt.pro.kraken({ apiKey: KEY, secret: SECRET, enableRateLimit: false }), ex);
  const rest = pointAt(new ccxt.kraken({ apiKey: KEY, secret: SECRET, enableRateLimit: false }), ex);
  t.after(async () => {
    await pro.close();
    await ex.close();
  });
  // ccxt needs an http agent for plain ws:// URLs (loopback has no TLS)
  await pro.loadHttpProxyAgent();
  await pro.loadMarkets();
  await rest.loadMarkets();

  const firstBalance = await pro.watchBalance();
  assert.equal(amount(firstBalance, 'total', 'USD'), 1_000_000);

  // ccxt's watch* resolve on the next update; start them before the order so none is missed
  const ordersWatch = pro.watchOrders('BTC/USD');
  const tradesWatch = pro.watchMyTrades('BTC/USD');
  await eventually(() => ((pro.clients[ex.wsAuthUrl] as Loose)?.subscriptions?.executions ? true : undefined));
  const balanceWatch = pro.watchBalance();
  const placed = await rest.createOrder('BTC/USD', 'market', 'buy', 0.05);

  const orders = await ordersWatch;
  const mine = await eventually(() => orders.find((o) => o.id === placed.id && o.status === 'closed'));
  assert.equal(mine.symbol, 'BTC/USD');
  assert.equal(mine.side, 'buy');
  assert.equal(mine.type, 'market');

  const trades = await tradesWatch;
  // the market order may walk several levels: one trade row per fill, together the whole 0.05
  const fills = await eventually(() => {
    const rows = trades.filter((tr) => tr.order === placed.id);
    return rows.reduce((sum, tr) => sum + (tr.amount as number), 0).toFixed(8) === '0.05000000' ? rows : undefined;
  });
  for (const fill of fills) {
    assert.equal(fill.side, 'buy');
    assert.equal(fill.takerOrMaker, 'taker');
    assert.ok((fill.price as number) > 0);
    assert.equal(fill.fee?.currency, 'USD');
  }

  const firstUpdate = await balanceWatch;
  assert.ok((amount(firstUpdate, 'total', 'BTC') as number) > 10);
  const settled = await eventually(() => {
    const spot = (pro as unknown as { balance: Record<string, { total: Record<string, number> }> }).balance.spot;
    return spot?.total.BTC === 10.05 ? spot : undefined;
  });
  assert.ok((amount(settled, 'total', 'USD') as number) < 1_000_000);
});
