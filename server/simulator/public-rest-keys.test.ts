/**
 * Result keys of the public REST methods that take `pair`: Kraken keys a result by the pair id when asked with the
 * id or the altname, and by the name as asked when asked in the slash form (see rest-params.ts).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type RunningExchange, startExchange } from './exchange';
import type { WireJson } from './test-ws-client';

let ex: RunningExchange;

async function result(method: string, pair: string, extra = ''): Promise<WireJson> {
  const res = await fetch(`${ex.restUrl}/0/public/${method}?pair=${encodeURIComponent(pair)}${extra}`);
  const body = (await res.json()) as { error: string[]; result: WireJson };
  assert.deepEqual(body.error, [], `${method} ${pair}`);
  return body.result;
}

/** The keys of a result other than the paging cursor `last`. */
const pairKeys = (r: WireJson) => Object.keys(r).filter((k) => k !== 'last');

const SINGLE_PAIR_METHODS = ['OHLC', 'Depth', 'Trades', 'Spread'];

describe('public REST result keys', () => {
  before(async () => {
    ex = await startExchange({ seed: 22 });
  });
  after(async () => {
    await ex.close();
  });

  it('id and altname answer under the pair id; BTC/USD and XBT/USD under the name as asked', async () => {
    for (const method of ['AssetPairs', 'Ticker', ...SINGLE_PAIR_METHODS]) {
      for (const [asked, key] of [['XXBTZUSD', 'XXBTZUSD'], ['XBTUSD', 'XXBTZUSD'], ['BTC/USD', 'BTC/USD'], ['XBT/USD', 'XBT/USD'], ['SOL/USD', 'SOL/USD'], ['SOLUSD', 'SOLUSD']] as const) {
        assert.deepEqual(pairKeys(await result(method, asked)), [key], `${method}?pair=${asked}`);
      }
    }
  });

  it('the entry under the asked name is the same market as under the id', async () => {
    const byName = (await result('AssetPairs', 'BTC/USD'))['BTC/USD'];
    assert.equal(byName.altname, 'XBTUSD');
    assert.deepEqual(byName, (await result('AssetPairs', 'XBTUSD')).XXBTZUSD);
    const depth = (await result('Depth', 'ETH/USD', '&count=3'))['ETH/USD'];
    assert.equal(depth.asks.length, 3);
    assert.equal(depth.bids.length, 3);
    const ohlc = await result('OHLC', 'ETH/USD', '&interval=60');
    assert.equal(ohlc['ETH/USD'].length, 720);
    assert.equal(typeof ohlc.last, 'number');
    const trades = await result('Trades', 'ETH/USD', '&count=5');
    assert.equal(trades['ETH/USD'].length, 5);
    assert.match(trades.last, /^\d+$/);
    assert.ok(Array.isArray((await result('Spread', 'ETH/USD'))['ETH/USD']));
  });

  it('several pairs at once: each under the form it was asked in, in the order asked', async () => {
    const asked = 'BTC/USD,XETHZUSD,SOLUSD,DOGE/USD,XDGUSD';
    const expected = ['BTC/USD', 'XETHZUSD', 'SOLUSD', 'DOGE/USD', 'XDGUSD'];
    for (const method of ['AssetPairs', 'Ticker']) {
      const r = await result(method, asked);
      assert.deepEqual(Object.keys(r), expected, method);
    }
    const tickers = await result('Ticker', asked);
    assert.deepEqual(tickers['DOGE/USD'].a, tickers.XDGUSD.a, 'both forms of DOGE/USD are the same ticker');
  });

  it('without pair, every pair answers under its id', async () => {
    for (const method of ['AssetPairs', 'Ticker']) {
      const keys = Object.keys((await (await fetch(`${ex.restUrl}/0/public/${method}`)).json() as { result: WireJson }).result);
      assert.equal(keys.length, 30);
      assert.ok(keys.includes('XXBTZUSD') && !keys.some((k) => k.includes('/')), method);
    }
  });
});
