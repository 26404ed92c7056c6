/**
 * lib/kraken's REST client against the built-in exchange over real HTTP: every public and private endpoint,
 * lost AddOrder responses resolved by cl_ord_id, and pacing against the exchange's enforced REST counter.
 * The 1,000-concurrent-calls proof lives in kraken-rest-concurrency.integration.test.ts.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createKrakenClient, type KrakenClient } from '../../lib/kraken/rest';
import { KrakenError } from '../../lib/kraken/errors';
import { callCost, TIER_LIMITS } from '../../lib/kraken/rate-limit';
import { startExchange, type RunningExchange } from './exchange';

const KEY = { key: 'integration-key', secret: Buffer.from('integration secret for the built-in exchange').toString('base64') };

async function control(exchange: RunningExchange, path: string, body: unknown): Promise<void> {
  const response = await fetch(`${exchange.controlUrl}${path}`, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
  assert.equal(response.status, 200, await response.text());
}

describe('REST client against the built-in exchange', () => {
  let exchange: RunningExchange;
  let client: KrakenClient;

  before(async () => {
    exchange = await startExchange({ seed: 7, apiKeys: [KEY], tier: 'pro' });
    client = createKrakenClient({ restUrl: exchange.restUrl, apiKey: KEY.key, apiSecret: KEY.secret, tier: 'pro', timeoutMs: 5000, orderLookupDelayMs: 50 });
  });
  after(() => exchange.close());

  test('public endpoints: Time, SystemStatus, Assets, AssetPairs, Ticker, OHLC, Depth, Trades, Spread', async () => {
    const time = await client.public.time();
    assert.ok(Math.abs(time.unixtime - Date.now() / 1000) < 5);
    assert.equal((await client.public.systemStatus()).status, 'online');
    const assets = await client.public.assets();
    assert.ok(assets.some((a) => a.code === 'BTC' && a.assetId === 'XXBT'));
    const pairs = await client.public.assetPairs();
    const btc = pairs.find((p) => p.symbol === 'BTC/USD');
    assert.ok(btc, 'BTC/USD listed');
    assert.equal(btc.pairId, 'XXBTZUSD');
    const [ticker] = await client.public.ticker(['BTC-USD']);
    assert.equal(ticker!.symbol, 'BTC/USD');
    assert.ok(Number(ticker!.ask) > Number(ticker!.bid));
    const ohlc = await client.public.ohlc('BTC/USD', { interval: 1 });
    assert.ok(ohlc.candles.length >= 1);
    assert.ok(ohlc.last > 0);
    const book = await client.public.depth('BTC/USD', { count: 5 });
    assert.equal(book.asks.length, 5);
    assert.ok(Number(book.asks[0]!.price) > Number(book.bids[0]!.price));
    const trades = await client.public.trades('BTC/USD', { count: 10 });
    assert.match(trades.last, /^\d+$/);
    const spread = await client.public.spread('BTC/USD');
    assert.equal(spread.symbol, 'BTC/USD');
  });

  test('pairs asked by any name come back as the listed pair (the exchange keys slash-form asks by the name asked)', async () => {
    const some = await client.public.assetPairs(['BTC/USD', 'SOL/USD', 'XETHZUSD', 'XBTUSD']);
    assert.deepEqual(some.map((p) => [p.pairId, p.symbol]), [['XXBTZUSD', 'BTC/USD'], ['SOLUSD', 'SOL/USD'], ['XETHZUSD', 'ETH/USD']], 'one entry per pair');
    const tickers = await client.public.ticker(['BTC/USD', 'DOGE/USD']);
    assert.deepEqual(tickers.map((t) => [t.pairId, t.symbol]), [['XXBTZUSD', 'BTC/USD'], ['XDGUSD', 'DOGE/USD']]);
    for (const name of ['BTC/USD', 'XBTUSD', 'XXBTZUSD', 'XBT/USD']) {
      assert.equal((await client.public.depth(name, { count: 2 })).pairId, 'XXBTZUSD', name);
      assert.equal((await client.public.ohlc(name)).pairId, 'XXBTZUSD', name);
      assert.equal((await client.public.trades(name, { count: 2 })).pairId, 'XXBTZUSD', name);
      assert.equal((await client.public.spread(name)).pairId, 'XXBTZUSD', name);
    }
  });

  test('balances, trade balance and the WebSocket token', async () => {
    const balances = await client.private.balance();
    assert.ok(balances.some((b) => b.asset === 'USD' && Number(b.balance) > 0));
    const ex = await client.private.balanceEx();
    assert.ok(ex.some((b) => b.asset === 'BTC'));
    const tb = await client.private.tradeBalance();
    assert.ok(Number(tb.equivalentBalance) > 0);
    const token = await client.private.getWebSocketsToken();
    assert.ok(token.token.length > 10);
    assert.ok(token.expiresSeconds > 0);
  });

  test('place, query, amend and cancel orders; fills show in trades history and ledgers', async () => {
    const [ticker] = await client.public.ticker(['BTC/USD']);
    const farBid = (Math.floor(Number(ticker!.bid) * 0.8 * 10) / 10).toFixed(1);
    const placed = await client.private.addOrder({ pair: 'BTC/USD', side: 'buy', orderType: 'limit', volume: '0.01', price: farBid, clOrdId: 'it-limit-1' });
    assert.equal(placed.txids.length, 1);
    assert.equal(placed.resolvedByLookup, false);
    const txid = placed.txids[0]!;
    const open = await client.private.openOrders();
    const mine = open.find((o) => o.txid === txid);
    assert.equal(mine?.clOrdId, 'it-limit-1');
    assert.equal(mine?.symbol, 'BTC/USD');
    const [queried] = await client.private.queryOrders([txid]);
    assert.equal(queried!.status, 'open');
    const amended = await client.private.amendOrder({ txid, orderQty: '0.02' });
    assert.ok(amended.amendId.length > 0);
    assert.equal((await client.private.queryOrders([txid]))[0]!.volume, '0.02000000');
    assert.deepEqual(await client.private.cancelOrder({ txid }), { count: 1, pending: false });

    const byRef = await client.private.addOrder({ pair: 'BTC/USD', side: 'buy', orderType: 'limit', volume: '0.01', price: farBid, userref: 4242 });
    assert.equal(byRef.clOrdId, undefined);
    assert.equal((await client.private.cancelOrder({ userref: 4242 })).count, 1);
    await client.private.addOrder({ pair: 'BTC/USD', side: 'buy', orderType: 'limit', volume: '0.01', price: farBid, clOrdId: 'it-limit-2' });
    assert.equal((await client.private.cancelOrder({ clOrdId: 'it-limit-2' })).count, 1);
    await assert.rejects(client.private.cancelOrder({ txid }), (e: KrakenError) => e.code === 'invalid_order');

    await client.private.addOrder({ pair: 'BTC/USD', side: 'buy', orderType: 'limit', volume: '0.01', price: farBid });
    await client.private.addOrder({ pair: 'BTC/USD', side: 'buy', orderType: 'limit', volume: '0.01', price: farBid });
    assert.equal((await client.private.cancelAll()).count, 2);
    const deadman = await client.private.cancelAllOrdersAfter(60);
    assert.ok(deadman.triggerTime);
    assert.equal((await client.private.cancelAllOrdersAfter(0)).triggerTime, undefined);

    const validated = await client.private.addOrder({ pair: 'BTC/USD', side: 'buy', orderType: 'market', volume: '0.001', validate: true });
    assert.deepEqual(validated.txids, []);
    const market = await client.private.addOrder({ pair: 'BTC/USD', side: 'buy', orderType: 'market', volume: '0.001' });
    assert.equal(market.txids.length, 1);
    const closed = await client.private.closedOrders();
    assert.ok(closed.orders.some((o) => o.txid === market.txids[0] && o.status === 'closed'));
    assert.ok(closed.orders.some((o) => o.txid === txid && o.status === 'canceled'));
    assert.ok(closed.count >= 5);
    const history = await client.private.tradesHistory();
    assert.ok(history.trades.some((t) => t.orderTxid === market.txids[0] && t.symbol === 'BTC/USD'));
    const fill = history.trades.find((t) => t.orderTxid === market.txids[0])!;
    assert.equal((await client.private.queryTrades([fill.tradeTxid]))[0]!.price, fill.price);
    const ledgers = await client.private.ledgers();
    const btcEntry = ledgers.entries.find((l) => l.asset === 'BTC' && l.type === 'trade');
    assert.ok(btcEntry);
    assert.equal((await client.private.queryLedgers([btcEntry.ledgerId]))[0]!.amount, btcEntry.amount);
    await assert.rejects(client.private.addOrder({ pair: 'BTC/USD', side: 'buy', orderType: 'limit', volume: '0.01', price: `${farBid}5` }),
      (e: KrakenError) => ['tick_size', 'invalid_price', 'invalid_arguments'].includes(e.code));
  });

  test('safe reads ride out EService:Unavailable and lost responses: retried, private ones with a fresh nonce', async () => {
    await control(exchange, '/faults', { kind: 'unavailable', method: 'Ticker', count: 2 });
    const [ticker] = await client.public.ticker(['BTC/USD']);
    assert.equal(ticker!.symbol, 'BTC/USD');
    await control(exchange, '/faults', { kind: 'unavailable', method: 'Balance', count: 1 });
    await control(exchange, '/faults', { kind: 'lost-response', method: 'OpenOrders', count: 1 });
    assert.ok((await client.private.balance()).length > 0);
    assert.ok(Array.isArray(await client.private.openOrders()));
    const armed = (await (await fetch(`${exchange.controlUrl}/faults`)).json()) as { faults: unknown[] };
    assert.deepEqual(armed.faults, [], 'every armed fault fired and was ridden out');
  });

  test('a lost AddOrder response is resolved by cl_ord_id and the order is not placed twice', async () => {
    const [ticker] = await client.public.ticker(['BTC/USD']);
    const farBid = (Math.floor(Number(ticker!.bid) * 0.8 * 10) / 10).toFixed(1);
    await control(exchange, '/faults', { kind: 'lost-response', method: 'AddOrder', count: 1 });
    const placed = await client.private.addOrder({ pair: 'BTC/USD', side: 'buy', orderType: 'limit', volume: '0.01', price: farBid });
    assert.equal(placed.resolvedByLookup, true);
    const open = await client.private.openOrders({ clOrdId: placed.clOrdId });
    assert.equal(open.length, 1);
    assert.equal(open[0]!.txid, placed.txids[0]);
    await control(exchange, '/faults', { kind: 'unavailable', method: 'AddOrder', count: 1 });
    await assert.rejects(client.private.addOrder({ pair: 'BTC/USD', side: 'buy', orderType: 'limit', volume: '0.01', price: farBid }),
      (e: KrakenError) => e.code === 'unavailable' && e.orderOutcome === 'not_placed');
    assert.equal((await client.private.openOrders()).length, 1);
    await client.private.cancelAll();
  });
});

describe('rate-limit pacing against the exchange’s enforced counter (shared virtual clock)', () => {
  let t = Date.parse('2026-11-25T12:00:00Z');
  const now = () => t;
  const sleep = async (ms: number) => { t += ms; };
  let exchange: RunningExchange;

  before(async () => { exchange = await startExchange({ seed: 3, apiKeys: [KEY], tier: 'starter', now }); });
  after(() => exchange.close());

  test('starter tier: 60 mixed reads are paced with zero EAPI:Rate limit exceeded', async (tc) => {
    const client = createKrakenClient({ restUrl: exchange.restUrl, apiKey: KEY.key, apiSecret: KEY.secret, tier: 'starter', now, sleep, timeoutMs: 5000 });
    const methods = ['Balance', 'Ledgers', 'OpenOrders', 'TradesHistory', 'ClosedOrders', 'TradeBalance'] as const;
    const run = (m: (typeof methods)[number]) => {
      switch (m) {
        case 'Balance': return client.private.balance();
        case 'Ledgers': return client.private.ledgers();
        case 'OpenOrders': return client.private.openOrders();
        case 'TradesHistory': return client.private.tradesHistory();
        case 'ClosedOrders': return client.private.closedOrders();
        case 'TradeBalance': return client.private.tradeBalance();
      }
    };
    const start = t;
    const chosen = Array.from({ length: 60 }, (_, i) => methods[i % methods.length]!);
    const settled = await Promise.allSettled(chosen.map(run));
    const limited = settled.filter((s) => s.status === 'rejected' && (s.reason as KrakenError).code === 'rate_limited').length;
    const failed = settled.filter((s) => s.status === 'rejected');
    const units = chosen.reduce((sum, m) => sum + callCost(m), 0);
    const { max, decayPerSecond } = TIER_LIMITS.starter;
    tc.diagnostic(`${chosen.length} calls, ${units} counter units, paced over ${((t - start) / 1000).toFixed(1)} virtual s, ${limited} rate-limited`);
    assert.equal(limited, 0);
    assert.deepEqual(failed.map((f) => String((f as PromiseRejectedResult).reason)), []);
    assert.ok((t - start) / 1000 >= (units - max) / decayPerSecond - 1, 'calls were actually paced');
  });

  test('control: without pacing the same exchange answers EAPI:Rate limit exceeded', async () => {
    const unpaced = createKrakenClient({
      restUrl: exchange.restUrl, apiKey: KEY.key, apiSecret: KEY.secret, now, sleep, timeoutMs: 5000, retry: { attempts: 1 },
      rateLimiter: { acquire: async () => undefined, markExceeded: () => undefined },
    });
    const settled = await Promise.allSettled(Array.from({ length: 30 }, () => unpaced.private.balance()));
    assert.ok(settled.some((s) => s.status === 'rejected' && (s.reason as KrakenError).code === 'rate_limited'));
  });
});
