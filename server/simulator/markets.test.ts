import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import seed from './seed-markets.json' with { type: 'json' };
import { ASSETS, MAKER_FEES, PAIRS, TAKER_FEES, resolveAsset, resolvePair } from './markets';

describe('markets', () => {
  it('lists the 30 seed assets as USD pairs in seed order', () => {
    assert.equal(PAIRS.length, 30);
    assert.deepEqual(PAIRS.map((p) => p.baseCode), seed.assets.map((a) => a.symbol));
    for (const p of PAIRS) {
      assert.equal(p.quote, 'ZUSD');
      assert.equal(p.symbol, `${p.baseCode}/USD`);
    }
  });

  it('uses Kraken legacy names where Kraken does', () => {
    const expect = (code: string, fields: Record<string, string>) => {
      const p = PAIRS.find((x) => x.baseCode === code);
      assert.ok(p, code);
      for (const [key, value] of Object.entries(fields)) assert.equal(p[key as keyof typeof p], value, `${code}.${key}`);
    };
    expect('BTC', { id: 'XXBTZUSD', altname: 'XBTUSD', wsname: 'XBT/USD', symbol: 'BTC/USD', base: 'XXBT' });
    expect('ETH', { id: 'XETHZUSD', altname: 'ETHUSD', wsname: 'ETH/USD', base: 'XETH' });
    expect('XRP', { id: 'XXRPZUSD', altname: 'XRPUSD', base: 'XXRP' });
    expect('LTC', { id: 'XLTCZUSD', altname: 'LTCUSD', base: 'XLTC' });
    expect('XLM', { id: 'XXLMZUSD', altname: 'XLMUSD', base: 'XXLM' });
    expect('DOGE', { id: 'XDGUSD', altname: 'XDGUSD', wsname: 'XDG/USD', symbol: 'DOGE/USD', base: 'XXDG' });
    expect('USDT', { id: 'USDTZUSD', altname: 'USDTUSD', wsname: 'USDT/USD', base: 'USDT' });
    expect('SOL', { id: 'SOLUSD', altname: 'SOLUSD', wsname: 'SOL/USD', base: 'SOL' });
    expect('ADA', { id: 'ADAUSD', base: 'ADA' });
  });

  it('has unique ids, altnames and symbols', () => {
    for (const key of ['id', 'altname', 'wsname', 'symbol'] as const) {
      assert.equal(new Set(PAIRS.map((p) => p[key])).size, PAIRS.length, key);
    }
  });

  it('resolves every name form, case-insensitively', () => {
    for (const input of ['XXBTZUSD', 'XBTUSD', 'XBT/USD', 'BTC/USD', 'BTCUSD', 'BTC-USD', 'btc/usd', ' XBT-USD ']) {
      assert.equal(resolvePair(input)?.id, 'XXBTZUSD', input);
    }
    for (const input of ['XDGUSD', 'XDG/USD', 'DOGE/USD', 'DOGEUSD', 'DOGE-USD']) assert.equal(resolvePair(input)?.id, 'XDGUSD', input);
    assert.equal(resolvePair('FOO/USD'), undefined);
    assert.equal(resolvePair(''), undefined);
  });

  it('gives precision, tick size and minimums consistent with each other', () => {
    for (const p of PAIRS) {
      assert.equal(p.tickSize, (10 ** -p.pairDecimals).toFixed(p.pairDecimals), p.id);
      assert.ok(Number(p.ordermin) > 0, p.id);
      assert.equal(p.costmin, '0.5');
      const lotDigits = p.ordermin.split('.')[1]?.length ?? 0;
      assert.ok(lotDigits <= p.lotDecimals, `${p.id} ordermin fits lot decimals`);
      // the seed price must be representable on the tick
      const digits = p.seedPrice.split('.')[1]?.length ?? 0;
      assert.ok(digits <= p.pairDecimals, `${p.id} seed price ${p.seedPrice} on tick`);
    }
    assert.equal(resolvePair('BTC/USD')?.pairDecimals, 1);
    assert.equal(resolvePair('BTC/USD')?.lotDecimals, 8);
    assert.equal(resolvePair('BTC/USD')?.ordermin, '0.00005');
  });

  it('reports Kraken fee tiers, descending with volume, maker below taker', () => {
    assert.deepEqual(TAKER_FEES[0], [0, 0.4]);
    assert.deepEqual(MAKER_FEES[0], [0, 0.25]);
    for (const p of PAIRS) {
      for (let i = 1; i < p.fees.length; i++) {
        assert.ok((p.fees[i] as [number, number])[0] > (p.fees[i - 1] as [number, number])[0]);
        assert.ok((p.fees[i] as [number, number])[1] <= (p.fees[i - 1] as [number, number])[1]);
      }
      p.feesMaker.forEach(([, pct], i) => assert.ok(pct <= (p.fees[i] as [number, number])[1]));
    }
  });

  it('lists every base asset plus ZUSD and resolves id, altname and code', () => {
    assert.equal(ASSETS.length, 31);
    assert.equal(ASSETS[ASSETS.length - 1]?.id, 'ZUSD');
    for (const name of ['XXBT', 'XBT', 'BTC']) assert.equal(resolveAsset(name)?.id, 'XXBT');
    for (const name of ['XXDG', 'XDG', 'DOGE']) assert.equal(resolveAsset(name)?.id, 'XXDG');
    assert.equal(resolveAsset('USD')?.id, 'ZUSD');
    assert.equal(resolveAsset('NOPE'), undefined);
  });
});
