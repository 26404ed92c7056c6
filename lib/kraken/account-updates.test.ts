import assert from 'node:assert/strict';
import { test } from 'node:test';
import { balanceUpdatesOf, executionUpdatesOf, toBalanceUpdates, toExecutionUpdates } from './account-updates';
import { balancesFrameSchema, executionsFrameSchema } from './ws-schemas';

// rows as Kraken's WS v2 documents them (wire decimals arrive as text from parseWireJson)
const executions = executionsFrameSchema.parse({
  channel: 'executions', type: 'update', data: [
    { exec_type: 'trade', order_id: 'OABC12-DEF34-GHI567', cl_ord_id: '6a1e…', symbol: 'BTC/USD', side: 'buy', order_type: 'limit',
      order_status: 'partially_filled', order_qty: '0.50000000', limit_price: '30000.0', cum_qty: '0.20000000', cum_cost: '6000.00000',
      avg_price: '30000.0', last_qty: '0.20000000', last_price: '30000.0', exec_id: 'TXID-1', trade_id: 7, timestamp: '2026-12-04T10:00:00.000Z',
      fees: [{ asset: 'USD', qty: '15.6' }] },
    { exec_type: 'status', order_status: 'new' },
  ],
});

test('execution rows map to camelCase desk fields; rows without an order id are left out', () => {
  assert.deepEqual(toExecutionUpdates(executions.data), [{
    orderId: 'OABC12-DEF34-GHI567', clOrdId: '6a1e…', execType: 'trade', orderStatus: 'partially_filled', orderType: 'limit',
    symbol: 'BTC/USD', side: 'buy', orderQty: '0.50000000', limitPrice: '30000.0', cumQty: '0.20000000', cumCost: '6000.00000',
    avgPrice: '30000.0', lastQty: '0.20000000', lastPrice: '30000.0', execId: 'TXID-1', timestamp: '2026-12-04T10:00:00.000Z',
    fees: [{ asset: 'USD', qty: '15.6' }],
  }]);
});

test('balance rows map to common asset codes, one row per wallet in a snapshot, spot when an update names none', () => {
  const snapshot = balancesFrameSchema.parse({
    channel: 'balances', type: 'snapshot', data: [
      { asset: 'XXBT', asset_class: 'currency', balance: '1.5', wallets: [{ type: 'spot', id: 'main', balance: '1.0' }, { type: 'earn', id: 'flex', balance: '0.5' }] },
      { asset: 'ZUSD', balance: '100.0' },
    ],
  });
  assert.deepEqual(toBalanceUpdates(snapshot.data), [
    { asset: 'BTC', balance: '1.0', wallet: 'spot' }, { asset: 'BTC', balance: '0.5', wallet: 'earn' }, { asset: 'USD', balance: '100.0', wallet: 'spot' },
  ]);
  const update = balancesFrameSchema.parse({
    channel: 'balances', type: 'update', data: [
      { asset: 'XBT', amount: '0.01', balance: '1.01', type: 'trade', wallet_type: 'spot', wallet_id: 'main' },
      { asset: 'ETH', amount: '1', balance: '2.0', wallet_type: 'earn' },
      { asset: 'DOGE', amount: '5' },
    ],
  });
  assert.deepEqual(toBalanceUpdates(update.data), [{ asset: 'BTC', balance: '1.01', wallet: 'spot' }, { asset: 'ETH', balance: '2.0', wallet: 'earn' }]);
});

test('the browser narrows hub frames with the same shapes, dropping anything else', () => {
  const mapped = toExecutionUpdates(executions.data);
  assert.deepEqual(executionUpdatesOf(JSON.parse(JSON.stringify(mapped))), mapped);
  assert.deepEqual(executionUpdatesOf([{ order_id: 'OA', exec_type: 'new' }, null]), [], 'raw Kraken rows are not the hub shape');
  assert.deepEqual(balanceUpdatesOf([{ asset: 'BTC', balance: '1', wallet: 'spot' }, { asset: 'BTC' }]), [{ asset: 'BTC', balance: '1', wallet: 'spot' }]);
  assert.deepEqual(balanceUpdatesOf('x'), []);
});

test("a cancel's reason is kept: cancel_reason first, else reason", () => {
  const frame = executionsFrameSchema.parse({
    channel: 'executions', type: 'update', data: [
      { exec_type: 'canceled', order_id: 'OA', cl_ord_id: 'c1', order_status: 'canceled', cancel_reason: 'Post only order', reason: 'other' },
      { exec_type: 'expired', order_id: 'OB', order_status: 'expired', reason: 'Order expired' },
    ],
  });
  assert.deepEqual(toExecutionUpdates(frame.data).map((row) => row.reason), ['Post only order', 'Order expired']);
});
