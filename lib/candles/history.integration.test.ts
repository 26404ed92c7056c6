/**
 * Candles rebuilt from trades must equal the exchange's own OHLC for the same minutes. Checked against the
 * built-in exchange over real HTTP with lib/kraken's REST client, on a fake clock so minutes pass instantly.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startExchange, type RunningExchange } from '../../server/simulator/exchange';
import { compareDecimal } from '../decimal';
import { createKrakenClient, type KrakenClient } from '../kraken/rest';
import { createHistoryLoader } from './history';
import { backfillFromTrades } from './trade-backfill';

const START_MS = Date.UTC(2026, 0, 5, 12, 0, 30);

describe('rebuilt candles against the built-in exchange', () => {
  const clock = { t: START_MS };
  let exchange: RunningExchange;
  let client: KrakenClient;

  before(async () => {
    exchange = await startExchange({ seed: 11, now: () => clock.t });
    // four minutes of market in one-second steps
    for (let i = 0; i < 240; i++) {
      clock.t += 1000;
      exchange.market.advance(clock.t);
    }
    client = createKrakenClient({ restUrl: exchange.restUrl, timeoutMs: 5000 });
  });
  after(() => exchange.close());

  // The exchange opens each candle at the previous close (so its open, high and low may include that price);
  // a rebuilt candle opens at its first trade. Close, volume, count and vwap come from the same trades.
  test('trades → candles reproduces OHLC close, volume, count and vwap, within its high and low', async () => {
    const [pair] = await client.public.assetPairs(['BTC/USD']);
    assert.ok(pair);
    const ohlc = await client.public.ohlc('BTC/USD', { interval: 1 });
    const currentMinute = Math.floor(clock.t / 60_000) * 60;
    const first = (await client.public.trades('BTC/USD', { since: '0', count: 1 })).trades[0];
    assert.ok(first, 'the exchange has trades');
    const page = await backfillFromTrades((since) => client.public.trades('BTC/USD', { since, count: 1000 }), {
      intervalSec: 60, before: currentMinute, firstTradeTime: first.time, vwapDecimals: pair.pairDecimals, maxPages: 5, targetCandles: 3,
    });
    // minutes that began after the exchange started are built from the same trades the Trades endpoint lists
    const comparable = page.candles.filter((c) => c.time * 1000 >= START_MS && c.count > 0);
    assert.ok(comparable.length >= 2, `${comparable.length} comparable minutes`);
    for (const rebuilt of comparable) {
      const official = ohlc.candles.find((c) => c.time === rebuilt.time);
      assert.ok(official, `OHLC has ${rebuilt.time}`);
      for (const field of ['close', 'volume', 'vwap'] as const) {
        assert.equal(compareDecimal(rebuilt[field], official[field]), 0, `${rebuilt.time} ${field}: ${rebuilt[field]} vs ${official[field]}`);
      }
      assert.equal(rebuilt.count, official.count, `${rebuilt.time} count`);
      assert.ok(compareDecimal(rebuilt.high, official.high) <= 0 && compareDecimal(rebuilt.low, official.low) >= 0, `${rebuilt.time} range`);
      const [lowest, highest] = [rebuilt.open, rebuilt.close].sort((a, b) => compareDecimal(a, b));
      assert.ok(compareDecimal(rebuilt.low, lowest ?? '') <= 0 && compareDecimal(rebuilt.high, highest ?? '') >= 0, `${rebuilt.time} consistent`);
    }
  });

  test('the loader serves OHLC first, then answers older history from trades (none that old here)', async () => {
    const loader = createHistoryLoader(client.public);
    const first = await loader.load({ symbol: 'BTC/USD', pairDecimals: 1, interval: 1 });
    assert.equal(first.source, 'ohlc');
    assert.ok(first.candles.length >= 720);
    const older = await loader.load({ symbol: 'BTC/USD', pairDecimals: 1, interval: 1, before: first.from });
    assert.deepEqual(older, { candles: [], from: first.from, complete: true, source: 'trades' });
  });
});
