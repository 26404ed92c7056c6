import type { DeskOrderRecord } from '../db/desk-orders';
import type { DeskOrder } from '../desk-api/orders';
import type { PlacedOrder } from '../kraken/types-private';
import type { OrderReport } from './order-reports';
import { indexRecords, toDeskOrder } from './order-view';
import type { PlaceDeps } from './place';
import type { Ticket } from './ticket';

/**
 * How long a placement waits for its order's execution report once AddOrder has answered. The report and the
 * REST answer leave Kraken at about the same time on two sockets; waiting this long is still far cheaper than
 * the QueryOrders round trip it saves (and that read-back still follows when nothing came).
 */
export const REPORT_WAIT_MS = 50;

/**
 * Kraken's AddOrder answer has no status. The answer to a placement takes it, in this order, from:
 * 1. the private feed's execution reports for the order's cl_ord_id (order-reports.ts), when the desk holds the
 *    feed and it is complete: no further call to Kraken at all;
 * 2. one QueryOrders read-back, within a small budget (statusReads), so that an IOC or post-only order cancelled at
 *    once answers `canceled` with Kraken's reason and a crossing order `closed`;
 * 3. neither (a burst past the budget, or a failed read): the answer keeps status `submitted` and the feed
 *    brings the status to the screen.
 */
export async function placedStatus(deps: PlaceDeps, ticket: Ticket, order: DeskOrder, placed: PlacedOrder, record: DeskOrderRecord): Promise<DeskOrder> {
  if (placed.order || !order.txid) return order;
  // an order that cannot rest (market, immediate-or-cancel) is only settled by its last report
  const terminal = ticket.type === 'market' || ticket.timeInForce === 'IOC';
  const report = await deps.reports?.settled(record.clOrdId, { waitMs: REPORT_WAIT_MS, terminal });
  if (report && report.orderId === order.txid) return withReport(order, report);
  if (!deps.statusReads.take()) return order;
  try {
    const [found] = await deps.kraken.private.queryOrders([order.txid]);
    if (!found) return order;
    return { ...toDeskOrder(found, indexRecords([{ ...record, txid: order.txid }])), resolvedByLookup: placed.resolvedByLookup };
  } catch {
    return order;
  }
}

/** The placement's answer with what the reports said; fields they did not carry keep the placement's own. */
export function withReport(order: DeskOrder, report: OrderReport): DeskOrder {
  const ended = report.status === 'canceled' || report.status === 'expired';
  return {
    ...order,
    status: report.status,
    volumeExecuted: report.volumeExecuted ?? order.volumeExecuted,
    cost: report.cost ?? order.cost,
    fee: report.fee ?? order.fee,
    avgPrice: report.avgPrice && report.avgPrice !== '0' ? report.avgPrice : order.avgPrice,
    openTime: report.openTime ?? order.openTime,
    closeTime: report.closeTime ?? order.closeTime,
    ...(ended && report.reason ? { reason: report.reason } : {}),
  };
}
