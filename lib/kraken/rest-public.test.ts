import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createFakeKraken, type FakeHandler } from './testing/fake-kraken';
import { createKrakenClient } from './rest';
import { KrakenError } from './errors';
import * as sample from './fixtures/rest-samples';

function setup(handlers: Record<string, FakeHandler> = {}, timeoutMs = 1000) {
  const fake = createFakeKraken({ handlers: { AssetPairs: () => ({ result: sample.assetPairs }), ...handlers } });
  const sleeps: number[] = [];
  const client = createKrakenClient({
    restUrl: 'http://kraken.test/', fetch: fake.fetch, timeoutMs, random: () => 0.5, sleep: async (ms) => { sleeps.push(ms); },
  });
  return { fake, client, sleeps };
}

test('the AssetPairs lookup is loaded once and reloaded on request', async () => {
  const { client, fake } = setup({ Ticker: () => ({ result: sample.ticker }) });
  await client.public.ticker(['BTC/USD']);
  await client.public.ticker(['BTC/USD']);
  assert.equal(fake.callsOf('AssetPairs').length, 1);
  const map = await client.public.symbolMap({ refresh: true });
  assert.equal(fake.callsOf('AssetPairs').length, 2);
  assert.equal(map?.toPairId('DOGE/USD'), 'XDGUSD');
});

test('Time and SystemStatus', async () => {
  const { client } = setup({
    Time: () => ({ result: { unixtime: 1688669448, rfc1123: 'Thu, 06 Jul 23 18:50:48 +0000' } }),
    SystemStatus: () => ({ result: { status: 'online', timestamp: '2023-07-06T18:52:00Z' } }),
  });
  assert.deepEqual(await client.public.time(), { unixtime: 1688669448, rfc1123: 'Thu, 06 Jul 23 18:50:48 +0000' });
  assert.equal((await client.public.systemStatus()).status, 'online');
});

test('Assets maps ids to codes and sends the asset filter', async () => {
  const { client, fake } = setup({
    Assets: () => ({ result: { XXBT: { aclass: 'currency', altname: 'XBT', decimals: 10, display_decimals: 5, collateral_value: 1, status: 'enabled' } } }),
  });
  const assets = await client.public.assets(['XBT', 'ETH']);
  assert.deepEqual(assets[0], { assetId: 'XXBT', altname: 'XBT', code: 'BTC', aclass: 'currency', decimals: 10, displayDecimals: 5, status: 'enabled' });
  assert.equal(fake.callsOf('Assets')[0]!.params.get('asset'), 'XBT,ETH');
});

test('AssetPairs become domain pairs with v2 symbols, tick size and minimums', async () => {
  const { client } = setup();
  const pairs = await client.public.assetPairs();
  const btc = pairs.find((p) => p.pairId === 'XXBTZUSD')!;
  assert.equal(btc.symbol, 'BTC/USD');
  assert.equal(btc.baseCode, 'BTC');
  assert.equal(btc.tickSize, '0.1');
  assert.equal(btc.ordermin, '0.0001');
  assert.deepEqual(btc.feesTaker[1], { volume: '50000', percent: '0.24' });
  assert.equal(pairs.find((p) => p.pairId === 'XDGUSD')!.symbol, 'DOGE/USD');
  assert.equal(pairs.find((p) => p.pairId === 'SOLUSD')!.tickSize, '0.01', 'falls back to pair_decimals');
});

test('Ticker: any pair name is sent as the pair id and mapped to the domain ticker', async () => {
  const { client, fake } = setup({ Ticker: () => ({ result: sample.ticker }) });
  const [t] = await client.public.ticker(['BTC-USD']);
  assert.equal(fake.callsOf('Ticker')[0]!.params.get('pair'), 'XXBTZUSD');
  assert.deepEqual(t, {
    pairId: 'XXBTZUSD', symbol: 'BTC/USD', ask: '30300.10000', bid: '30300.00000', last: '30303.20000', open: '30502.80000',
    high24h: '31631.00000', low24h: '29868.30000', volume24h: '4412.73601799', vwap24h: '30689.13205', trades24h: 38907,
    changePct24h: '-0.65',
  });
});

test('OHLC returns candles with the open candle last, and the since cursor', async () => {
  const { client, fake } = setup({ OHLC: () => ({ result: sample.ohlc }) });
  const page = await client.public.ohlc('BTC/USD', { interval: 60, since: 1688671200 });
  const sent = fake.callsOf('OHLC')[0]!.params;
  assert.equal(sent.get('interval'), '60');
  assert.equal(sent.get('since'), '1688671200');
  assert.equal(page.last, 1688672160);
  assert.equal(page.candles.length, 2);
  assert.deepEqual(page.candles[1], { time: 1688671260, open: '30304.5', high: '30304.5', low: '30300.0', close: '30300.0', vwap: '30300.7', volume: '4.42996871', count: 18 });
  await assert.rejects(client.public.ohlc('BTC/USD', { interval: 2 as 1 }), (e: KrakenError) => e.code === 'invalid_arguments');
  await assert.rejects(client.public.ohlc('BTC/USD', { since: 1688671200000 }), (e: KrakenError) => e.code === 'invalid_arguments' && /Unix seconds/.test(e.message));
  assert.equal(fake.callsOf('OHLC').length, 1);
});

test('Depth, also when keyed by wsname', async () => {
  const { client, fake } = setup({ Depth: () => ({ result: { 'XBT/USD': sample.depth.XXBTZUSD } }) });
  const book = await client.public.depth('XBTUSD', { count: 2 });
  assert.equal(fake.callsOf('Depth')[0]!.params.get('count'), '2');
  assert.equal(book.symbol, 'BTC/USD');
  assert.deepEqual(book.asks[0], { price: '30384.10000', qty: '2.059', time: 1688671659 });
  assert.equal(book.bids[1]!.price, '30296.70000');
  await assert.rejects(client.public.depth('XBTUSD', { count: 501 }), (e: KrakenError) => e.code === 'invalid_arguments');
});

test('Trades keep the nanosecond cursor as text', async () => {
  const { client, fake } = setup({ Trades: () => ({ result: sample.trades }) });
  const page = await client.public.trades('BTC/USD', { since: '1688671969993150000', count: 2 });
  assert.equal(fake.callsOf('Trades')[0]!.params.get('since'), '1688671969993150000');
  assert.equal(page.last, '1688671969993150842');
  assert.deepEqual(page.trades[0], { price: '30243.40000', qty: '0.34507674', time: 1688669597.8277369, side: 'buy', orderType: 'market', misc: '', tradeId: 61044952 });
  assert.equal(page.trades[1]!.side, 'sell');
  await assert.rejects(client.public.trades('BTC/USD', { since: '1e9' }), (e: KrakenError) => e.code === 'invalid_arguments');
});

test('Spread', async () => {
  const { client } = setup({ Spread: () => ({ result: sample.spread }) });
  const page = await client.public.spread('BTC/USD');
  assert.equal(page.last, 1688672106);
  assert.deepEqual(page.entries[0], { time: 1688671834, bid: '30292.10000', ask: '30297.50000' });
});

test('safe reads retry on Unavailable, Busy, 5xx and timeouts with backoff', async () => {
  let n = 0;
  const { client, sleeps } = setup({
    Time: () => {
      n++;
      if (n === 1) return { error: ['EService:Unavailable'] };
      if (n === 2) return { status: 502 };
      if (n === 3) return { lost: true };
      return { result: { unixtime: 1, rfc1123: 'x' } };
    },
  }, 20);
  assert.equal((await client.public.time()).unixtime, 1);
  assert.equal(n, 4);
  assert.deepEqual(sleeps, [188, 375, 750]);
});

test('retries are bounded and non-retryable errors are not retried', async () => {
  let n = 0;
  const { client } = setup({ Time: () => { n++; return { error: ['EService:Busy'] }; } });
  await assert.rejects(client.public.time(), (e: KrakenError) => e.code === 'busy');
  assert.equal(n, 4);
  let m = 0;
  const other = setup({ Ticker: () => { m++; return { error: ['EQuery:Unknown asset pair'] }; } });
  await assert.rejects(other.client.public.ticker(['NOPE/USD']), (e: KrakenError) => e.code === 'unknown_pair' && e.krakenErrors[0] === 'EQuery:Unknown asset pair');
  assert.equal(m, 1);
  assert.equal(other.fake.callsOf('Ticker')[0]!.params.get('pair'), 'NOPEUSD');
});

test('a result that fails validation is bad_response', async () => {
  const { client } = setup({
    Ticker: () => ({ result: { XXBTZUSD: { ...sample.ticker.XXBTZUSD, c: ['not-a-number', '1'] } } }),
    SystemStatus: () => ({ result: { status: 'exploded', timestamp: 'x' } }),
  });
  await assert.rejects(client.public.ticker(['BTC/USD']), (e: KrakenError) => e.code === 'bad_response' && /c\.0/.test(e.message));
  await assert.rejects(client.public.systemStatus(), (e: KrakenError) => e.code === 'bad_response');
});

test('numbers where strings are documented are accepted as decimal text', async () => {
  const { client } = setup({ Ticker: () => ({ result: { XXBTZUSD: { ...sample.ticker.XXBTZUSD, o: 30502.8, a: [1e-7, '1', '1'] } } }) });
  const [t] = await client.public.ticker(['BTC/USD']);
  assert.equal(t!.open, '30502.8');
  assert.equal(t!.ask, '0.0000001');
});

test('without AssetPairs the static rules still produce a pair Kraken accepts', async () => {
  const fake = createFakeKraken({ handlers: { AssetPairs: () => ({ error: ['EGeneral:Internal error'] }), OHLC: () => ({ result: sample.ohlc }) } });
  const client = createKrakenClient({ restUrl: 'http://kraken.test', fetch: fake.fetch, sleep: async () => undefined });
  const page = await client.public.ohlc('DOGE-USD');
  assert.equal(fake.callsOf('OHLC')[0]!.params.get('pair'), 'XDGUSD');
  assert.equal(page.pairId, 'XXBTZUSD');
});
