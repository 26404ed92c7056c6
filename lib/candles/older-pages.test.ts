import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { OhlcPageRequest } from './ohlc-client';
import type { OhlcResponse } from './ohlc-response';
import { fetchOlderPages } from './older-pages';

const candle = (time: number) => ({ time, open: '1', high: '1', low: '1', close: '1', vwap: '1', volume: '1', count: 1 });

function pages(answers: OhlcResponse[]) {
  const asked: (number | undefined)[] = [];
  const fetchPage = async (request: OhlcPageRequest) => {
    asked.push(request.before);
    const answer = answers.shift();
    if (!answer) throw new Error('asked too often');
    return answer;
  };
  return { fetchPage, asked };
}

describe('fetchOlderPages', () => {
  it('returns the first page with candles and its window start as the next cursor', async () => {
    const { fetchPage, asked } = pages([{ candles: [candle(600), candle(660)], from: 600, complete: false, source: 'trades' }]);
    const result = await fetchOlderPages(fetchPage, { symbol: 'BTC/USD', interval: 1, cursor: 720 });
    assert.deepEqual(asked, [720]);
    assert.deepEqual(result, { candles: [candle(600), candle(660)], cursor: 600, complete: false, note: undefined });
  });

  it('follows empty windows back until candles appear', async () => {
    const { fetchPage, asked } = pages([
      { candles: [], from: 500, complete: false, source: 'trades' },
      { candles: [], from: 400, complete: false, source: 'trades' },
      { candles: [candle(300)], from: 300, complete: false, source: 'trades' },
    ]);
    const result = await fetchOlderPages(fetchPage, { symbol: 'BTC/USD', interval: 1, cursor: 600 });
    assert.deepEqual(asked, [600, 500, 400]);
    assert.equal(result.cursor, 300);
    assert.equal(result.candles.length, 1);
  });

  it('stops at the end of history and passes the note on', async () => {
    const { fetchPage } = pages([{ candles: [], from: 600, complete: true, source: 'trades', note: 'too busy' }]);
    assert.deepEqual(await fetchOlderPages(fetchPage, { symbol: 'BTC/USD', interval: 1, cursor: 600 }), { candles: [], cursor: 600, complete: true, note: 'too busy' });
  });

  it('gives up after the bound of empty pages without claiming the end', async () => {
    const empty = (from: number): OhlcResponse => ({ candles: [], from, complete: false, source: 'trades' });
    const { fetchPage, asked } = pages([empty(500), empty(400), empty(300)]);
    const result = await fetchOlderPages(fetchPage, { symbol: 'BTC/USD', interval: 1, cursor: 600 }, 3);
    assert.equal(asked.length, 3);
    assert.deepEqual(result, { candles: [], cursor: 300, complete: false });
  });

  it('never moves the cursor forward', async () => {
    const { fetchPage } = pages([{ candles: [candle(0)], from: 900, complete: false, source: 'ohlc' }]);
    assert.equal((await fetchOlderPages(fetchPage, { symbol: 'BTC/USD', interval: 1, cursor: 600 })).cursor, 600);
  });
});
