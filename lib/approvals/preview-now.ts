import type { ApprovalRecord } from '../db/approvals';
import { amendedTicket } from '../orders/amend';
import { findOpenOrder, parseOrderId } from '../orders/manage';
import type { PlaceDeps } from '../orders/place';
import type { OrderPreview } from '../desk-api/preview';
import { buildPreview } from '../orders/preview';
import type { AmendTicket, Ticket } from '../orders/ticket';

/**
 * The request's order previewed against the book now (impact, USD value, fat-finger verdict), for the approver to
 * compare with the preview when it was asked. An amend is previewed as the open order would stand after it.
 */
export async function previewNow(deps: PlaceDeps, request: ApprovalRecord): Promise<OrderPreview> {
  const settings = await deps.db.deskSettings.get();
  if (request.kind === 'place') {
    const ticket = request.ticket as Ticket;
    return buildPreview(deps.market, await deps.market.pair(ticket.symbol), ticket, settings);
  }
  const { orderId, amend } = request.ticket as { orderId: string; amend: AmendTicket };
  const order = await findOpenOrder(deps, parseOrderId(orderId));
  const pair = await deps.market.pair(order.symbol ?? order.pair);
  return buildPreview(deps.market, pair, amendedTicket(order, pair, amend), settings);
}
