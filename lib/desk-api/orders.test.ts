import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DeskOrderRecord } from '../db/desk-orders';
import type { Order, PlacedOrder } from '../kraken/types-private';
import { indexRecords, placedDeskOrder, toDeskOrder } from '../orders/order-view';
import { ticketSchema } from '../orders/ticket';
import { deskOrderSchema, ordersListSchema, placedByName } from './orders';

const krakenOrder: Order = {
  txid: 'OABCDE-FGHIJ-KLMNOP', status: 'canceled', userref: undefined, clOrdId: '6d1b3a52-4c41-4c0e-9a55-6a2f2a3c0c11', pair: 'XBTUSD',
  symbol: 'BTC/USD', side: 'buy', orderType: 'limit', price: '30000.0', price2: '0', leverage: 'none', description: 'buy 0.01 XBTUSD @ limit 30000.0',
  closeDescription: '', volume: '0.01000000', volumeExecuted: '0.00400000', cost: '120.00000', fee: '0.31200', avgPrice: '30000.0',
  stopPrice: undefined, limitPrice: undefined, trigger: 'last', openTime: 1764072000.123, closeTime: 1764072060.5, startTime: 0, expireTime: 0,
  reason: 'Immediate or cancel', misc: [], oflags: [], tradeIds: [],
};

const record: DeskOrderRecord = {
  id: 7, idempotencyKey: '6D1B3A52-4C41-4C0E-9A55-6A2F2A3C0C11', clOrdId: '6d1b3a52-4c41-4c0e-9a55-6a2f2a3c0c11', memberId: 2, username: 'trader',
  requestHash: 'h', symbol: 'BTC/USD', side: 'buy', orderType: 'limit', volume: '0.01', price: '30000.0', notionalUsd: '300.00', utcDay: '2025-11-25',
  state: 'placed', txid: 'OABCDE-FGHIJ-KLMNOP', approvedBy: { id: 3, username: 'admin' }, response: null, createdAt: '', updatedAt: '',
};

/** What the browser receives: the server's object after JSON. */
const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

test("the server's DeskOrder reaches the browser with the same field names and values (no renaming, no re-parsing)", () => {
  const order = toDeskOrder(krakenOrder, indexRecords([record]));
  const parsed = deskOrderSchema.parse(overTheWire(order));
  assert.deepEqual(parsed, order);
  assert.equal(parsed.txid, 'OABCDE-FGHIJ-KLMNOP');
  assert.equal(parsed.volumeExecuted, '0.00400000');
  assert.deepEqual(parsed.approvedBy, { id: 3, username: 'admin' });
  assert.equal(parsed.reason, 'Immediate or cancel');
  assert.equal(placedByName(parsed), 'trader');
});

test('an order placed outside the desk, and one just placed before Kraken reported it, parse as the server sent them', () => {
  const outside = toDeskOrder({ ...krakenOrder, clOrdId: undefined, txid: 'OTHER-TXID' }, indexRecords([]));
  const parsedOutside = deskOrderSchema.parse(overTheWire(outside));
  assert.deepEqual(parsedOutside, outside);
  assert.equal(placedByName(parsedOutside), 'outside the desk');

  const ticket = ticketSchema.parse({ symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.01', price: '30000.0', idempotencyKey: record.idempotencyKey });
  const placed: PlacedOrder = { txids: ['ONEW-TXID'], description: 'buy 0.01 XBTUSD @ limit 30000.0', closeDescription: undefined, clOrdId: record.clOrdId, userref: undefined, resolvedByLookup: false, order: undefined };
  const submitted = placedDeskOrder(ticket, placed, record, 'BTC/USD');
  const parsedSubmitted = deskOrderSchema.parse(overTheWire(submitted));
  assert.deepEqual(parsedSubmitted, submitted);
  assert.equal(parsedSubmitted.status, 'submitted');
  assert.equal(parsedSubmitted.openTime, null);
});

test('an answer of another shape is refused at the boundary rather than shown half-read', () => {
  const order = overTheWire(toDeskOrder(krakenOrder, indexRecords([record]))) as Record<string, unknown>;
  assert.equal(deskOrderSchema.safeParse({ ...order, txid: undefined }).success, false);
  assert.equal(deskOrderSchema.safeParse({ ...order, side: 'both' }).success, false);
  assert.equal(deskOrderSchema.safeParse({ ...order, openTime: '2025-11-25T12:00:00Z' }).success, false);
  const list = { status: 'open', orders: [order], page: 0, pageSize: 50, total: 1 };
  assert.equal(ordersListSchema.parse(list).orders[0]?.txid, 'OABCDE-FGHIJ-KLMNOP');
});
