import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  altnameToCode, assetIdToCode, codeToAltname, codeToAssetId, SymbolMap, symbolToAltname, symbolToUrl, symbolToWsV1,
  urlToSymbol, wsV1ToSymbol,
} from './symbols';
import type { AssetPair } from './types';

function pair(pairId: string, altname: string, wsname: string, symbol: string, base: string, quote: string): AssetPair {
  const [baseCode, quoteCode] = symbol.split('/') as [string, string];
  return {
    pairId, altname, wsname, symbol, base, quote, baseCode, quoteCode, pairDecimals: 1, lotDecimals: 8, costDecimals: 5,
    tickSize: '0.1', ordermin: '0.0001', costmin: '0.5', status: 'online', feesTaker: [], feesMaker: [],
  };
}

test('asset ids map to common codes and back', () => {
  const pairs: [string, string][] = [
    ['XXBT', 'BTC'], ['XXDG', 'DOGE'], ['ZUSD', 'USD'], ['XETH', 'ETH'], ['XXRP', 'XRP'], ['XXLM', 'XLM'],
    ['XLTC', 'LTC'], ['XETC', 'ETC'], ['XMLN', 'MLN'], ['XREP', 'REP'], ['XXMR', 'XMR'], ['XZEC', 'ZEC'], ['ZEUR', 'EUR'],
  ];
  for (const [id, code] of pairs) {
    assert.equal(assetIdToCode(id), code, id);
    assert.equal(codeToAssetId(code), id, code);
  }
  assert.equal(assetIdToCode('XDG'), 'DOGE');
  assert.equal(assetIdToCode('XBT'), 'BTC');
  for (const real of ['XRP', 'XLM', 'XMR', 'ZEC', 'XTZ', 'SOL', 'USDT', 'ZETA', 'XCN']) assert.equal(assetIdToCode(real), real);
  assert.equal(codeToAssetId('XTZ'), 'XTZ');
  assert.equal(assetIdToCode('XXBT.M'), 'BTC.M');
  assert.equal(assetIdToCode('DOT.S'), 'DOT.S');
  assert.equal(codeToAssetId('BTC.F'), 'XXBT.F');
});

test('altnames, WS v1 names, v2 symbols and URL forms convert both ways', () => {
  assert.equal(altnameToCode('XBT'), 'BTC');
  assert.equal(codeToAltname('DOGE'), 'XDG');
  assert.equal(wsV1ToSymbol('XBT/USD'), 'BTC/USD');
  assert.equal(wsV1ToSymbol('XDG/EUR'), 'DOGE/EUR');
  assert.equal(symbolToWsV1('BTC/USD'), 'XBT/USD');
  assert.equal(symbolToAltname('BTC/USD'), 'XBTUSD');
  assert.equal(symbolToAltname('SOL/USD'), 'SOLUSD');
  assert.equal(symbolToUrl('BTC/USD'), 'BTC-USD');
  assert.equal(urlToSymbol('BTC-USD'), 'BTC/USD');
  assert.equal(urlToSymbol('btc-usd'), 'BTC/USD');
  assert.equal(urlToSymbol('BTC/USD'), undefined);
  assert.equal(urlToSymbol('../etc'), undefined);
  assert.throws(() => symbolToUrl('BTCUSD'), RangeError);
});

test('SymbolMap resolves every Kraken name of a pair', () => {
  const map = new SymbolMap([
    pair('XXBTZUSD', 'XBTUSD', 'XBT/USD', 'BTC/USD', 'XXBT', 'ZUSD'),
    pair('XETHXXBT', 'ETHXBT', 'ETH/XBT', 'ETH/BTC', 'XETH', 'XXBT'),
    pair('SOLUSD', 'SOLUSD', 'SOL/USD', 'SOL/USD', 'SOL', 'ZUSD'),
    pair('XDGUSD', 'XDGUSD', 'XDG/USD', 'DOGE/USD', 'XXDG', 'ZUSD'),
  ]);
  for (const name of ['XXBTZUSD', 'XBTUSD', 'XBT/USD', 'BTC/USD', 'BTC-USD', 'btc-usd', 'xbtusd']) {
    assert.equal(map.toPairId(name), 'XXBTZUSD', name);
    assert.equal(map.toSymbol(name), 'BTC/USD', name);
  }
  assert.equal(map.toPairId('DOGE/USD'), 'XDGUSD');
  assert.equal(map.toAltname('BTC/USD'), 'XBTUSD');
  assert.equal(map.toWsName('DOGE-USD'), 'XDG/USD');
  assert.equal(map.toAltname('NOPE/USD'), undefined);
  assert.equal(map.toSymbol('XDG/USD'), 'DOGE/USD');
  assert.equal(map.toSymbol('ETHXBT'), 'ETH/BTC');
  assert.equal(map.resolve('SOL-USD')?.altname, 'SOLUSD');
  assert.equal(map.resolve('NOPE/USD'), undefined);
  assert.equal(map.toSymbol('XBT/EUR'), 'BTC/EUR');
  assert.equal(map.toSymbol('NOPE'), undefined);
  assert.equal(map.assetCode('XXDG'), 'DOGE');
  assert.equal(map.assetCode('SOL.S'), 'SOL.S');
  assert.equal(map.assetCode('ZEUR'), 'EUR');
});
