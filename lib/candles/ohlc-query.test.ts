import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { z } from 'zod';
import { parseOhlcQuery } from './ohlc-query';
import { ohlcResponseSchema } from './ohlc-response';

const parse = (query: string) => parseOhlcQuery(new URLSearchParams(query));

function messageOf(query: string): string {
  try {
    parse(query);
  } catch (error) {
    assert.ok(error instanceof z.ZodError, 'a zod error (→ 400)');
    return error.issues[0]?.message ?? '';
  }
  assert.fail(`${query} was accepted`);
}

describe('parseOhlcQuery', () => {
  it('accepts symbol, interval and before', () => {
    assert.deepEqual(parse('symbol=BTC/USD&interval=60&before=1700000000'), { symbol: 'BTC/USD', interval: 60, before: 1700000000 });
  });

  it('normalises the URL form and case of the symbol', () => {
    assert.equal(parse('symbol=btc-usd&interval=1').symbol, 'BTC/USD');
  });

  it('leaves before out when absent', () => {
    assert.equal(parse('symbol=ETH/USD&interval=10080').before, undefined);
  });

  it('names an unknown interval and lists the allowed ones', () => {
    assert.match(messageOf('symbol=BTC/USD&interval=2'), /interval must be one of 1, 5, 15, 30, 60, 240, 1440, 10080, 21600 minutes/);
    assert.match(messageOf('symbol=BTC/USD&interval=60.0'), /interval must be one of/);
    assert.match(messageOf('symbol=BTC/USD&interval=1h'), /interval must be one of/);
    assert.match(messageOf('symbol=BTC/USD'), /interval is required/);
  });

  it('names a bad symbol', () => {
    assert.match(messageOf('symbol=BTCUSD&interval=60'), /symbol must look like BTC\/USD/);
    assert.match(messageOf('symbol=BTC/USD/EUR&interval=60'), /symbol must look like/);
    assert.match(messageOf('interval=60'), /symbol is required/);
  });

  it('rejects a bad before and repeated keys', () => {
    assert.match(messageOf('symbol=BTC/USD&interval=60&before=-5'), /before must be a time in whole Unix seconds/);
    assert.match(messageOf('symbol=BTC/USD&interval=60&before=1700000000000'), /before must be/);
    assert.match(messageOf('symbol=BTC/USD&interval=60&before=0'), /before must be/);
    assert.match(messageOf('symbol=BTC/USD&interval=60&interval=5'), /interval was given more than once/);
  });
});

describe('ohlcResponseSchema', () => {
  it('accepts a page and rejects float prices', () => {
    const candle = { time: 60, open: '1.0', high: '2', low: '0.5', close: '1.5', vwap: '1.2', volume: '3', count: 2 };
    assert.ok(ohlcResponseSchema.safeParse({ candles: [candle], from: 60, complete: false, source: 'ohlc' }).success);
    assert.ok(!ohlcResponseSchema.safeParse({ candles: [{ ...candle, open: 1 }], from: 60, complete: false, source: 'ohlc' }).success);
  });
});
