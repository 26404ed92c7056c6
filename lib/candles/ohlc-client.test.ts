import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fetchOhlcPage, OhlcLoadError } from './ohlc-client';

function fakeFetch(status: number, body: unknown) {
  const urls: string[] = [];
  const impl = (async (url: string) => {
    urls.push(url);
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  }) as unknown as typeof fetch;
  return { impl, urls };
}

describe('fetchOhlcPage', () => {
  it('builds the query and returns the validated page', async () => {
    const page = { candles: [], from: 60, complete: true, source: 'trades' };
    const { impl, urls } = fakeFetch(200, page);
    assert.deepEqual(await fetchOhlcPage({ symbol: 'BTC/USD', interval: 60, before: 3600 }, impl), page);
    assert.equal(urls[0], '/api/ohlc?symbol=BTC%2FUSD&interval=60&before=3600');
  });

  it('surfaces the route’s error message', async () => {
    const { impl } = fakeFetch(404, { error: { code: 'unknown_pair', message: 'There is no NOPE/USD market on the exchange.' } });
    await assert.rejects(fetchOhlcPage({ symbol: 'NOPE/USD', interval: 1 }, impl), (e: unknown) => e instanceof OhlcLoadError && e.status === 404 && /no NOPE\/USD market/.test(e.message));
  });

  it('rejects a malformed answer', async () => {
    const { impl } = fakeFetch(200, { candles: [{ time: 'x' }] });
    await assert.rejects(fetchOhlcPage({ symbol: 'BTC/USD', interval: 1 }, impl), /unexpected shape/);
  });
});
