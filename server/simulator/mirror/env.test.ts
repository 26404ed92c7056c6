import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadExchangeEnv, mirrorOptions } from '../main';

describe('mirror mode configuration (npm run exchange)', () => {
  it('turns EXCHANGE_MARKET_* and EXCHANGE_PAPER_* into mirror options and starting balances', () => {
    const env = loadExchangeEnv({
      EXCHANGE_MARKET_URL: 'https://api.kraken.com',
      EXCHANGE_MARKET_WS_URL: 'wss://ws.kraken.com/v2',
      EXCHANGE_MARKET_PAIRS: 'BTC/USD, XETHZUSD',
      EXCHANGE_MARKET_DEPTH: '25',
      EXCHANGE_PAPER_LATENCY_MS: '120',
      EXCHANGE_PAPER_BALANCES: 'usd=100000, BTC=1.5',
    });
    assert.deepEqual(env.EXCHANGE_PAPER_BALANCES, { USD: '100000', BTC: '1.5' });
    const mirror = mirrorOptions(env);
    assert.equal(mirror?.restUrl, 'https://api.kraken.com');
    assert.equal(mirror?.wsUrl, 'wss://ws.kraken.com/v2');
    assert.deepEqual(mirror?.pairs, ['BTC/USD', 'XETHZUSD']);
    assert.equal(mirror?.depth, 25);
    assert.equal(mirror?.matchingDelayMs, 120);
  });

  it('stays synthetic without a source', () => {
    assert.equal(mirrorOptions(loadExchangeEnv({})), undefined);
  });

  it('reports every mistake at once', () => {
    assert.throws(
      () => loadExchangeEnv({ EXCHANGE_MARKET_URL: 'ftp://x', EXCHANGE_MARKET_DEPTH: '7', EXCHANGE_PAPER_BALANCES: 'USD=lots,ZZZ=1,BTC=1,BTC=2' }),
      (error: Error) => {
        assert.match(error.message, /EXCHANGE_MARKET_URL: must be an http\(s\) URL/);
        assert.match(error.message, /EXCHANGE_MARKET_DEPTH/);
        assert.match(error.message, /"USD=lots" is not CODE=amount; ZZZ is not an asset of a listed pair; BTC is given twice/);
        assert.match(error.message, /EXCHANGE_MARKET_WS_URL: EXCHANGE_MARKET_URL and EXCHANGE_MARKET_WS_URL go together/);
        return true;
      },
    );
  });
});
