import { test } from 'node:test';
import assert from 'node:assert/strict';
import { pickPairKey, toAssetPairs, toTradesPage } from './mappers-public';
import { toBalancesEx, toOrder, toTradeBalance } from './mappers-private';
import { assetPairsResult, orderEntry, parseResult } from './schemas';
import { KrakenError } from './errors';
import * as sample from './fixtures/rest-samples';

test('a pair without wsname gets its symbol from the asset ids', () => {
  const [pair] = toAssetPairs(parseResult(assetPairsResult, {
    XXRPZUSD: { altname: 'XRPUSD', base: 'XXRP', quote: 'ZUSD', pair_decimals: 5, lot_decimals: 8 },
  }, 'AssetPairs'));
  assert.equal(pair!.symbol, 'XRP/USD');
  assert.equal(pair!.wsname, 'XRP/USD');
  assert.equal(pair!.tickSize, '0.00001');
  assert.equal(pair!.costDecimals, 5);
  assert.equal(pair!.ordermin, undefined);
});

test('pickPairKey refuses to guess between several unknown keys', () => {
  assert.equal(pickPairKey({ XXBTZUSD: [], last: 1 }, undefined, 'OHLC'), 'XXBTZUSD');
  assert.throws(() => pickPairKey({ A: [], B: [], last: 1 }, undefined, 'OHLC'), (e: KrakenError) => e.code === 'bad_response');
  assert.throws(() => pickPairKey({ last: 1 }, undefined, 'OHLC'), (e: KrakenError) => e.code === 'bad_response');
});

test('trade rows without a trade id and bad rows', () => {
  const page = toTradesPage({ XXBTZUSD: [['1.0', '2.0', 1.5, 's', 'l', '']], last: 17 }, undefined, undefined);
  assert.equal(page.trades[0]!.tradeId, undefined);
  assert.equal(page.last, '17');
  assert.throws(() => toTradesPage({ XXBTZUSD: [['1.0', '2.0', 1.5, 'x', 'l', '']], last: '1' }, undefined, undefined),
    (e: KrakenError) => e.code === 'bad_response' && /Trades\[0\]/.test(e.message));
  assert.throws(() => toTradesPage({ XXBTZUSD: 'nope', last: '1' }, undefined, undefined), (e: KrakenError) => e.code === 'bad_response');
});

test('optional balance and trade-balance fields default sensibly', () => {
  assert.deepEqual(toBalancesEx({ XXBT: { balance: '1.5' } }), [
    { assetId: 'XXBT', asset: 'BTC', balance: '1.5', holdTrade: '0', credit: '0', creditUsed: '0', available: '1.5' },
  ]);
  const tb = toTradeBalance({ eb: '10', tb: '8' });
  assert.equal(tb.equity, '8');
  assert.equal(tb.freeMargin, '8');
  assert.equal(tb.marginUsed, '0');
});

test('orders: nulls and missing optional fields', () => {
  const raw = parseResult(orderEntry, { ...sample.openOrder, userref: null, cl_ord_id: 'desk-1', misc: 'partial,amended', trades: undefined, trigger: 'index' }, 'order');
  const order = toOrder('O1', raw);
  assert.equal(order.userref, undefined);
  assert.equal(order.clOrdId, 'desk-1');
  assert.deepEqual(order.misc, ['partial', 'amended']);
  assert.deepEqual(order.tradeIds, []);
  assert.equal(order.trigger, 'index');
  assert.equal(order.symbol, undefined, 'no SymbolMap, no guess');
  assert.throws(() => parseResult(orderEntry, { ...sample.openOrder, status: 'weird' }, 'order'), (e: KrakenError) => e.code === 'bad_response');
});
