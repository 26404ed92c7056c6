import { createHash, randomUUID } from 'node:crypto';
import type { Approved } from '../approvals/gate';
import type { ApprovalView } from '../approvals/view';
import { compareDecimal } from '../decimal';
import type { DeskOrderRecord } from '../db/desk-orders';
import { AppError } from '../errors';
import { auditedCallRecordedLater } from '../audit/events';
import type { Member } from '../db/members';
import { isKrakenError } from '../kraken/errors';
import type { AmendOrderRequest } from '../kraken/order-request';
import type { Order } from '../kraken/types-private';
import type { AssetPair } from '../kraken/types';
import { auditRefusals, checkOrder } from './checks';
import { auditError, findOpenOrder, orderGone, parseOrderId } from './manage';
import { beforeSendError } from './kraken-errors';
import { actorOf, type PlaceDeps } from './place';
import type { OrderType } from '../desk-api/orders';
import { clOrdIdFor, orderFieldIssues, type AmendTicket, type Ticket } from './ticket';

const TWO_PRICES = new Set(['stop-loss-limit', 'take-profit-limit', 'trailing-stop-limit']);
const TRIGGERED = /stop|take-profit/;

/** A price Kraken reports as set (`"0"` or empty means none). */
const setPrice = (text: string | undefined) => (text && !/^0(\.0*)?$/.test(text) ? text : undefined);

/**
 * The open order as it would stand after the amend, as a ticket, so the checks of a new order run on it. Kraken
 * reports a trailing order's offsets as placed (`+500`, `-10`), which is what the ticket needs.
 */
export function amendedTicket(order: Order, pair: AssetPair, amend: AmendTicket): Ticket {
  const type = order.orderType as OrderType;
  return {
    symbol: pair.symbol, side: order.side, type, volume: amend.volume ?? order.volume,
    price: amend.price ?? setPrice(order.price),
    price2: TWO_PRICES.has(type) ? amend.price2 ?? setPrice(order.price2) : undefined,
    displayVolume: amend.displayVolume, confirm: amend.confirm,
    idempotencyKey: order.clOrdId ?? clOrdIdFor(order.txid),
  };
}

/**
 * The AmendOrder fields for the changes asked: a limit order's price is its limit; a triggered order's price is its
 * trigger (a trailing order's trigger is its offset, `+500` or `+1.5%`) and price2 its limit (an offset for
 * trailing-stop-limit); displayVolume an iceberg's visible size. Only the fields asked for are sent.
 */
export function amendRequest(order: Order, amend: AmendTicket): AmendOrderRequest {
  const triggered = TRIGGERED.test(order.orderType);
  return {
    txid: order.txid,
    orderQty: amend.volume,
    displayQty: amend.displayVolume,
    ...(triggered ? { triggerPrice: amend.price, limitPrice: TWO_PRICES.has(order.orderType) ? amend.price2 : undefined } : { limitPrice: amend.price }),
  };
}

/**
 * Amends an open order in place (AmendOrder keeps the txid and, where possible, queue priority). The order as it
 * would stand afterwards goes through the same checks as a new one (checks.ts: frozen desk, pair rules, limits —
 * its new value replacing its own share of today — and the fat-finger guard, `confirm: true` in the amend), then
 * through the trading rate budget. Refusals are audited. Runs under the member's lock until Kraken has answered, so
 * the amended value is recorded before the member's next placement or amend is checked.
 */
/** Amended, or (four eyes) waiting for approval: nothing changed on the order yet. */
export type AmendResult = { amendId: string; txid: string } | { approval: ApprovalView; txid: string };

export async function amendOrder(deps: PlaceDeps, member: Member, id: string, amend: AmendTicket, approved?: Approved): Promise<AmendResult> {
  const ref = parseOrderId(id);
  const { confirm: _confirm, ...changes } = amend;
  // Under the member's lock, like a placement's check and claim: two doors at once cannot both pass the daily limit.
  return auditRefusals(deps, member, 'order.amend', { ...ref, ...changes }, id, () => deps.memberLock.run(String(member.id), async () => {
    const settings = await deps.db.deskSettings.get();
    if (settings.frozen) throw new AppError('desk_frozen');
    const order = await findOpenOrder(deps, ref);
    const pair = await deps.market.pair(order.symbol ?? order.pair).catch((error: unknown) => { throw beforeSendError(error); });
    const issue = orderFieldIssues({ type: order.orderType, ...changes }, false)[0];
    if (issue) throw new AppError('invalid_amend', `${issue.path}: ${issue.message}.`);
    const after = amendedTicket(order, pair, amend);
    const { notionalUsd, preview } = await checkOrder(deps, member, after, pair, settings, { replacing: order.txid });
    const [placed] = await deps.db.deskOrders.findByOrderIds({ txids: [order.txid], clOrdIds: order.clOrdId ? [order.clOrdId] : [] });
    // Four eyes: an amend that raises the order's value above the threshold waits for a second member too.
    const threshold = approved ? null : deps.approvals?.threshold(member, notionalUsd, settings) ?? null;
    if (threshold !== null && deps.approvals && raisesValue(placed, notionalUsd)) {
      const ticket = { orderId: order.txid, amend: { ...changes, ...(amend.confirm ? { confirm: true } : {}) } };
      const approval = await deps.approvals.request(member, {
        kind: 'amend', idempotencyKey: `amend-${randomUUID()}`, symbol: pair.symbol, ticket, notionalUsd, thresholdUsd: threshold, preview,
        requestHash: createHash('sha256').update(JSON.stringify(ticket)).digest('hex'),
      });
      return { approval, txid: order.txid };
    }
    await deps.rates.charge(pair.symbol, member.id, { kind: 'amend', ageMs: deps.rates.ageOf(order.txid, order.openTime * 1000) });
    return send(deps, member, order, pair, amend, { notionalUsd, volume: after.volume, placed, approved });
  }));
}

/** An order the desk has no value for (placed outside it) counts as raised. */
const raisesValue = (placed: DeskOrderRecord | undefined, notionalUsd: string) => !placed || compareDecimal(notionalUsd, placed.notionalUsd) > 0;

interface AmendContext {
  notionalUsd: string;
  volume: string;
  placed: DeskOrderRecord | undefined;
  approved: Approved | undefined;
}

async function send(deps: PlaceDeps, member: Member, order: Order, pair: AssetPair, amend: AmendTicket, { notionalUsd, volume, placed, approved }: AmendContext) {
  const request = amendRequest(order, amend);
  const approval = approved ? { approvedBy: approved.approver.username, approvalId: approved.approvalId } : {};
  try {
    const { value: result, recorded } = await auditedCallRecordedLater(deps.db.audit, { actor: actorOf(member), action: 'order.amend', subject: order.txid, detail: { ...request, notionalUsd, ...approval } },
      () => deps.kraken.private.amendOrder(request), { ok: (r) => r, error: auditError });
    deps.rates.noteChange(order.txid, pair.symbol);
    // The order now counts for its new value against the day of the member who placed it: Kraken amended it, so this
    // is written even when the audit's result row cannot be, and before anyone is answered
    if (placed) await deps.db.deskOrders.setNotional(placed.id, notionalUsd, volume);
    await recorded;
    return { amendId: result.amendId, txid: order.txid };
  } catch (error) {
    if (isKrakenError(error) && error.code === 'trading_rate_limited') await deps.rates.markExceeded(pair.symbol);
    throw orderGone(error);
  } finally {
    deps.invalidateReads();
  }
}
