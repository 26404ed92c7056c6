import type { DeskOrderRecord } from '../db/desk-orders';
import type { DeskOrder } from '../desk-api/orders';
import type { AddOrderRequest } from '../kraken/order-request';
import type { AssetPair } from '../kraken/types';
import type { Order, PlacedOrder } from '../kraken/types-private';
import type { Ticket } from './ticket';

/** Ticket → the lib/kraken AddOrder request (cl_ord_id carries the idempotency key; no userref, see README of the report). */
export function toAddOrderRequest(ticket: Ticket, pair: AssetPair, clOrdId: string, validate = false): AddOrderRequest {
  return {
    pair: pair.pairId,
    side: ticket.side,
    orderType: ticket.type,
    volume: ticket.volume,
    price: ticket.price,
    price2: ticket.price2,
    displayVolume: ticket.displayVolume,
    reduceOnly: ticket.reduceOnly,
    oflags: ticket.flags,
    timeInForce: ticket.timeInForce,
    expireTime: ticket.expireAt === undefined ? undefined : String(Math.floor(Date.parse(ticket.expireAt) / 1000)),
    clOrdId,
    validate: validate || undefined,
  };
}

const attributionOf = (record: DeskOrderRecord | undefined) =>
  record
    ? { member: { id: record.memberId, username: record.username }, outsideDesk: false, ...(record.approvedBy ? { approvedBy: record.approvedBy } : {}) }
    : { member: null, outsideDesk: true };

/** A Kraken order with its desk attribution (looked up by txid, then cl_ord_id). */
export function toDeskOrder(order: Order, records: { byTxid: Map<string, DeskOrderRecord>; byClOrdId: Map<string, DeskOrderRecord> }): DeskOrder {
  const record = records.byTxid.get(order.txid) ?? (order.clOrdId ? records.byClOrdId.get(order.clOrdId) : undefined);
  return {
    txid: order.txid, clOrdId: order.clOrdId ?? null, symbol: order.symbol ?? order.pair, side: order.side, type: order.orderType,
    status: order.status, volume: order.volume, volumeExecuted: order.volumeExecuted, price: order.price || null, price2: order.price2 || null,
    avgPrice: order.avgPrice || null, cost: order.cost || null, fee: order.fee || null, openTime: order.openTime, closeTime: order.closeTime ?? null,
    description: order.description, ...attributionOf(record),
    ...(order.reason && (order.status === 'canceled' || order.status === 'expired') ? { reason: order.reason } : {}),
  };
}

/** The answer to a fresh placement, before or without Kraken's view of the order. */
export function placedDeskOrder(ticket: Ticket, placed: PlacedOrder, record: DeskOrderRecord, symbol: string): DeskOrder {
  if (placed.order) return { ...toDeskOrder(placed.order, { byTxid: new Map([[placed.order.txid, record]]), byClOrdId: new Map() }), resolvedByLookup: placed.resolvedByLookup };
  return {
    txid: placed.txids[0] ?? '', clOrdId: placed.clOrdId ?? record.clOrdId, symbol, side: ticket.side, type: ticket.type, status: 'submitted',
    volume: ticket.volume, volumeExecuted: '0', price: ticket.price ?? null, price2: ticket.price2 ?? null, avgPrice: null, cost: null, fee: null,
    openTime: null, closeTime: null, description: placed.description, ...attributionOf(record),
    resolvedByLookup: placed.resolvedByLookup,
  };
}

/** Index desk records for attribution. */
export function indexRecords(records: readonly DeskOrderRecord[]) {
  const byTxid = new Map<string, DeskOrderRecord>();
  const byClOrdId = new Map<string, DeskOrderRecord>();
  for (const r of records) {
    if (r.txid) byTxid.set(r.txid, r);
    byClOrdId.set(r.clOrdId, r);
  }
  return { byTxid, byClOrdId };
}
