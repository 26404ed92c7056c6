import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ZERO } from './decimal';
import { cachedOrderHold, HeldTotals, orderHold } from './holds';
import type { OrderRecord } from './model';
import { BTC, ETH } from './test-helpers';
import type { PairInfo } from '../types';

const pairs = new Map<string, PairInfo>([[BTC.id, BTC], [ETH.id, ETH]]);
const pairOf = (id: string) => pairs.get(id);

function resting(id: number, over: Partial<OrderRecord> = {}): OrderRecord {
  return {
    id: `O${id}`, pairId: id % 2 ? BTC.id : ETH.id, side: id % 3 ? 'buy' : 'sell', ordertype: 'limit', vol: `${1 + (id % 7)}.25`, quoteVol: null,
    volExec: '0', cost: '0', fee: '0', price: `${1000 + id}.5`, price2: '0', displayVol: null, displayLeft: null, oflags: [], feeInQuote: id % 4 !== 0,
    postOnly: false, tif: 'GTC', opentm: 0, starttm: 0, expiretm: 0, closetm: 0, status: 'open', reason: null, misc: [], userref: null, clOrdId: null,
    trigger: 'last', triggered: false, trailOffset: null, trailExtreme: null, limitOffset: null, limitPrice: null, lastChange: 0, trades: [], ...over,
  };
}

/** The sum the way it was always worked out: every open order's hold afresh. */
function freshTotal(open: readonly OrderRecord[], asset: string, exceptOrderId?: string) {
  let total = ZERO;
  for (const o of open) {
    const pair = pairOf(o.pairId);
    if (!pair || o.id === exceptOrderId) continue;
    const hold = orderHold(o, pair);
    if (hold.asset === asset) total = total.plus(hold.amount);
  }
  return total.toFixed();
}

test('an unchanged order answers the same hold object; any field the hold reads makes it work the hold out again', () => {
  const o = resting(1);
  const first = cachedOrderHold(o, BTC);
  assert.equal(cachedOrderHold(o, BTC), first);
  const changes: ((x: OrderRecord) => void)[] = [
    (x) => { x.volExec = '0.5'; }, (x) => { x.price = '999.0'; }, (x) => { x.limitPrice = '998.0'; }, (x) => { x.vol = '9'; },
    (x) => { x.feeInQuote = !x.feeInQuote; }, (x) => { x.side = x.side === 'buy' ? 'sell' : 'buy'; },
    (x) => { x.ordertype = 'trailing-stop'; x.trailOffset = { value: '5', pct: true }; x.trailExtreme = '1000'; },
    (x) => { x.trailExtreme = '1010'; }, (x) => { x.trailOffset = { value: '6', pct: true }; }, (x) => { x.trailOffset = { value: '6', pct: false }; },
  ];
  let last = first;
  for (const change of changes) {
    change(o);
    const now = cachedOrderHold(o, BTC);
    assert.notEqual(now, last);
    assert.equal(now.amount.toFixed(), orderHold(o, BTC).amount.toFixed());
    last = now;
  }
  assert.notEqual(cachedOrderHold(o, { ...BTC }), last, 'another pair object (a refreshed AssetPairs) is worked out again');
});

test('the kept totals equal a fresh sum through opens, fills, amends, closes and a vanished pair, with and without an order left out', () => {
  const held = new HeldTotals();
  let open: OrderRecord[] = [];
  let next = 1;
  const assets = ['ZUSD', 'XXBT', 'XETH'];
  const check = (step: string) => {
    for (const asset of assets) {
      assert.equal(held.total(open, pairOf, asset).toFixed(), freshTotal(open, asset), `${step}: ${asset}`);
      const except = open[next % Math.max(1, open.length)]?.id;
      assert.equal(held.total(open, pairOf, asset, except).toFixed(), freshTotal(open, asset, except), `${step}: ${asset} without ${except}`);
    }
    assert.equal(held.total(open, pairOf, 'ZUSD', 'O-not-open').toFixed(), freshTotal(open, 'ZUSD'), `${step}: leaving out an order that is not open`);
  };
  check('empty');
  for (let round = 0; round < 40; round++) {
    open = [...open, resting(next++), resting(next++)];
    check(`round ${round}: opened`);
    const filled = open[round % open.length]!;
    filled.volExec = (Number(filled.volExec) + 0.125).toFixed(3);
    check(`round ${round}: part filled`);
    const amended = open[(round * 7) % open.length]!;
    amended.price = `${900 + round}.25`;
    amended.vol = `${2 + round}.5`;
    check(`round ${round}: amended`);
    if (round % 3 === 0) open = open.filter((o) => o !== open[(round * 5) % open.length]);
    check(`round ${round}: closed one`);
  }
  pairs.delete(ETH.id);
  try {
    check('ETH/USD no longer listed');
  } finally {
    pairs.set(ETH.id, ETH);
  }
  check('ETH/USD back');
  open = [];
  check('all closed');
  for (const asset of assets) assert.equal(held.total(open, pairOf, asset).toFixed(), '0');
});

test('every door that checks funds sees the kept holds move: AddOrder, AmendOrder, CancelOrder and EditOrder on 10 BTC', async () => {
  const { harness } = await import('./test-helpers');
  const h = harness();
  const sell = (volume: string) => ({ pair: 'XBTUSD', type: 'sell', ordertype: 'limit', price: '40000.0', volume, oflags: 'fciq' });
  const first = (await h.ok('AddOrder', sell('6'))).txid[0];
  assert.equal(await h.err('AddOrder', sell('5')), 'EOrder:Insufficient funds', '6 + 5 held of 10');
  await h.ok('AmendOrder', { txid: first, order_qty: '3' });
  const second = (await h.ok('AddOrder', sell('5'))).txid[0];
  assert.equal(await h.err('AddOrder', sell('3')), 'EOrder:Insufficient funds', '3 + 5 + 3 held of 10');
  assert.equal(await h.err('AmendOrder', { txid: first, order_qty: '5.5' }), 'EOrder:Insufficient funds', 'the amended order itself is left out, the others count');
  await h.ok('CancelOrder', { txid: second });
  await h.ok('AddOrder', sell('3'));
  const replaced = (await h.ok('EditOrder', { txid: first, pair: 'XBTUSD', volume: '4.5' })).txid;
  assert.equal(await h.err('AddOrder', sell('3')), 'EOrder:Insufficient funds', '4.5 (the replacement) + 3 + 3 held of 10');
  assert.equal(await h.err('EditOrder', { txid: replaced, pair: 'XBTUSD', volume: '7.5' }), 'EOrder:Insufficient funds', 'the replaced order is left out: 7.5 + 3 of 10');
  await h.ok('EditOrder', { txid: replaced, pair: 'XBTUSD', volume: '7' });
  await h.trading.close();
});
