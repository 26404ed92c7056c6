import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as s from '../../../lib/kraken/schemas';
import { BTC, harness } from './test-helpers';

/** The desk's own client validates every private result with lib/kraken/schemas; the exchange must pass them. */
test('private results satisfy the desk client schemas', async (t) => {
  const h = harness();
  t.after(() => h.trading.close());
  const check = <S extends Parameters<typeof s.parseResult>[0]>(schema: S, value: unknown, what: string) =>
    assert.doesNotThrow(() => s.parseResult(schema, value, what), what);

  const add = await h.ok('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'limit', price: '29500.0', volume: '0.5', cl_ord_id: 'schema-1' });
  check(s.addOrderResult, add, 'AddOrder');
  await h.ok('AddOrder', { pair: 'XBTUSD', type: 'sell', ordertype: 'trailing-stop', price: '+1%', volume: '0.1' });
  const resting = await h.ok('AddOrder', { pair: 'XBTUSD', type: 'sell', ordertype: 'limit', price: '35000.0', volume: '0.1' });
  await h.ok('AddOrder', { pair: 'XBTUSD', type: 'buy', ordertype: 'market', volume: '0.2' });
  check(s.amendOrderResult, await h.ok('AmendOrder', { txid: add.txid[0], order_qty: '0.6' }), 'AmendOrder');
  h.market.move(BTC.id, '29400.0');
  check(s.balanceResult, await h.ok('Balance'), 'Balance');
  check(s.balanceExResult, await h.ok('BalanceEx'), 'BalanceEx');
  check(s.tradeBalanceResult, await h.ok('TradeBalance'), 'TradeBalance');
  check(s.openOrdersResult, await h.ok('OpenOrders', { trades: 'true' }), 'OpenOrders');
  check(s.closedOrdersResult, await h.ok('ClosedOrders', { trades: 'true' }), 'ClosedOrders');
  check(s.queryOrdersResult, await h.ok('QueryOrders', { txid: add.txid[0], trades: 'true' }), 'QueryOrders');
  const history = await h.ok('TradesHistory');
  check(s.tradesHistoryResult, history, 'TradesHistory');
  check(s.queryTradesResult, await h.ok('QueryTrades', { txid: Object.keys(history.trades).join(',') }), 'QueryTrades');
  const ledgers = await h.ok('Ledgers');
  check(s.ledgersResult, ledgers, 'Ledgers');
  check(s.queryLedgersResult, await h.ok('QueryLedgers', { id: Object.keys(ledgers.ledger).slice(0, 2).join(',') }), 'QueryLedgers');
  check(s.cancelAllAfterResult, await h.ok('CancelAllOrdersAfter', { timeout: '60' }), 'CancelAllOrdersAfter');
  check(s.cancelOrderResult, await h.ok('CancelOrder', { txid: resting.txid[0] }), 'CancelOrder');
  check(s.cancelAllResult, await h.ok('CancelAll'), 'CancelAll');
  check(s.webSocketsTokenResult, await h.ok('GetWebSocketsToken'), 'GetWebSocketsToken');
});
