/**
 * A real, unmodified third-party Kraken client (ccxt 4.5) pointed at the built-in exchange.
 *
 * ccxt's own v2 book checksum option (`watchOrderBook: { checksum: true }`) cannot be switched on against any
 * server, Kraken included: ccxt 4.5.84 calls `formatNumber(price)` on the numbers its order book stores and
 * throws `data.split is not a function` on the first message. So we leave ccxt's default (off) and instead
 * check after every book message that ccxt's maintained book reproduces the message's Kraken checksum.
 */
import assert from 'node:assert/strict';
import { crc32 } from 'node:zlib';
import { after, before, describe, it } from 'node:test';
import ccxt from 'ccxt';
import { type RunningExchange, startExchange } from './exchange';
import type { WireJson } from './test-ws-client';

let ex: RunningExchange;

function restClient() {
  const client = new ccxt.kraken({ enableRateLimit: false, timeout: 5000 });
  client.urls.api = { ...client.urls.api, public: ex.restUrl, private: ex.restUrl };
  return client;
}

async function wsClient() {
  const client = new ccxt.pro.kraken({ enableRateLimit: false, timeout: 5000 });
  client.urls.api = { ...client.urls.api, public: ex.restUrl, private: ex.restUrl, ws: { ...client.urls.api.ws, public: ex.wsUrl, publicV2: ex.wsUrl } };
  // ccxt needs an http agent for plain ws:// URLs (documented ccxt API, not a patch)
  await client.loadHttpProxyAgent();
  return client;
}

/** Kraken's checksum over a ccxt order book ([price, amount] numbers), re-padded with the pair's precision. */
function checksumOfCcxtBook(book: { asks: number[][]; bids: number[][] }, pricePrecision: number, qtyPrecision: number): number {
  const digits = (n: number, p: number) => n.toFixed(p).replace('.', '').replace(/^0+/, '');
  const part = (level: number[]) => digits(level[0] as number, pricePrecision) + digits(level[1] as number, qtyPrecision);
  return crc32(book.asks.slice(0, 10).map(part).join('') + book.bids.slice(0, 10).map(part).join('')) >>> 0;
}

describe('ccxt (unmodified) against the exchange', () => {
  before(async () => {
    ex = await startExchange({ seed: 55 });
  });
  after(async () => {
    await ex.close();
  });

  it('loadMarkets maps every pair with Kraken precision and limits', async () => {
    const kraken = restClient();
    const markets = await kraken.loadMarkets();
    assert.equal(Object.keys(markets).length, 30);
    const btc = markets['BTC/USD'];
    assert.equal(btc?.id, 'XXBTZUSD');
    assert.equal(btc?.base, 'BTC');
    assert.equal(btc?.quote, 'USD');
    assert.deepEqual(btc?.precision, { amount: 1e-8, price: 0.1 });
    assert.equal(btc?.limits.amount?.min, 0.00005);
    assert.equal(btc?.limits.cost?.min, 0.5);
    assert.equal(btc?.taker, 0.004);
    assert.equal(btc?.maker, 0.0025);
    assert.equal(markets['DOGE/USD']?.id, 'XDGUSD');
    assert.equal(markets['XMR/USD']?.id, 'XXMRZUSD');
    assert.ok(Object.values(markets).every((m) => m?.active === true));
    const currencies = await kraken.fetchCurrencies();
    assert.ok(currencies?.BTC && currencies.DOGE && currencies.USD);
  });

  it('fetchTicker, fetchTickers, fetchOHLCV, fetchOrderBook, fetchTrades', async () => {
    const kraken = restClient();
    await kraken.loadMarkets();
    const ticker = await kraken.fetchTicker('BTC/USD');
    assert.equal(ticker.symbol, 'BTC/USD');
    assert.ok((ticker.bid ?? 0) > 0 && (ticker.ask ?? 0) > (ticker.bid ?? 0));
    assert.ok((ticker.baseVolume ?? 0) > 0 && (ticker.last ?? 0) > 0);
    const tickers = await kraken.fetchTickers(['BTC/USD', 'ETH/USD', 'DOGE/USD']);
    assert.deepEqual(Object.keys(tickers).sort(), ['BTC/USD', 'DOGE/USD', 'ETH/USD']);
    const candles = await kraken.fetchOHLCV('ETH/USD', '1h');
    assert.equal(candles.length, 720);
    const last = candles[candles.length - 1] as number[];
    assert.equal(last[0], Math.floor(Date.now() / 3_600_000) * 3_600_000);
    const book = await kraken.fetchOrderBook('BTC/USD', 50);
    assert.equal(book.bids.length, 50);
    assert.equal(book.asks.length, 50);
    assert.ok((book.bids[0]?.[0] ?? 0) < (book.asks[0]?.[0] ?? 0));
    const trades = await kraken.fetchTrades('SOL/USD', undefined, 20);
    assert.equal(trades.length, 20);
    assert.ok(trades.every((t) => t.symbol === 'SOL/USD' && (t.price ?? 0) > 0 && (t.amount ?? 0) > 0 && (t.side === 'buy' || t.side === 'sell')));
  });

  it('pro watchOrderBook: ccxt keeps a book that matches every message checksum', async () => {
    await fetch(`${ex.controlUrl}/book/rate`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ symbol: 'BTC/USD', updatesPerSecond: 400 }) });
    const pro = await wsClient();
    const seen: { checksum: number; ccxt: number }[] = [];
    const handle = pro.handleMessage.bind(pro);
    pro.handleMessage = (client: Parameters<typeof handle>[0], message: WireJson) => {
      handle(client, message);
      if (message?.channel !== 'book') return;
      const local = pro.orderbooks['BTC/USD'] as unknown as { asks: number[][]; bids: number[][] };
      seen.push({ checksum: message.data[0].checksum, ccxt: checksumOfCcxtBook(local, 1, 8) });
    };
    try {
      // ccxt coalesces messages that arrive between two awaits, so count messages, not resolutions
      for (let calls = 0; seen.length < 150 && calls < 500; calls++) {
        const book = await pro.watchOrderBook('BTC/USD', 10);
        assert.equal(book.bids.length, 10);
        assert.ok((book.bids[0]?.[0] ?? 0) < (book.asks[0]?.[0] ?? 0));
      }
    } finally {
      await pro.close();
    }
    assert.ok(seen.length >= 150, `${seen.length} book messages`);
    assert.deepEqual(seen.filter((s) => s.checksum !== s.ccxt), [], 'every checksum matches ccxt’s book');
  });

  it('pro watchTrades, watchOHLCV, watchTicker', async () => {
    const pro = await wsClient();
    try {
      const ticker = await pro.watchTicker('ETH/USD');
      assert.equal(ticker.symbol, 'ETH/USD');
      assert.ok((ticker.last ?? 0) > 0 && (ticker.bid ?? 0) > 0);
      const pending = pro.watchTrades('XRP/USD');
      await new Promise((r) => setTimeout(r, 100));
      await fetch(`${ex.controlUrl}/price`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ symbol: 'XRP/USD', price: '3.10000' }) });
      const trades = await pending;
      assert.ok(trades.length >= 1);
      assert.equal(trades[trades.length - 1]?.symbol, 'XRP/USD');
      const candles = await pro.watchOHLCV('BTC/USD', '5m');
      assert.ok(candles.length >= 1);
      const last = candles[candles.length - 1] as number[];
      assert.equal(last[0], Math.floor(Date.now() / 300_000) * 300_000);
    } finally {
      await pro.close();
    }
  });
});
