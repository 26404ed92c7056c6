import { createHash } from 'node:crypto';
import type { ApprovalGate, Approved } from '../approvals/gate';
import type { ApprovalView } from '../approvals/view';
import { AppError, type AppErrorCode } from '../errors';
import { auditedCallRecordedLater, auditEvent, SYSTEM_ACTOR, type Actor } from '../audit/events';
import type { DeskDb } from '../db/database';
import type { DeskOrderRecord } from '../db/desk-orders';
import type { DeskSettings } from '../db/desk-settings';
import type { Member } from '../db/members';
import { isKrakenError } from '../kraken/errors';
import type { KrakenClient } from '../kraken/rest';
import type { PlacedOrder } from '../kraken/types-private';
import type { AssetPair } from '../kraken/types';
import { auditRefusals, checkOrder, ConfirmationRequiredError, ticketDetail } from './checks';
import { utcDay } from './limits';
import type { MarketContext } from './market-context';
import { beforeSendError, isRetryableNotPlaced, toAppError } from './kraken-errors';
import type { DeskOrder } from '../desk-api/orders';
import type { OrderPreview } from '../desk-api/preview';
import type { OrderReports } from './order-reports';
import { indexRecords, placedDeskOrder, toAddOrderRequest, toDeskOrder } from './order-view';
import { placedStatus } from './placed-status';
import type { KeyedMutex, SingleFlight } from './single-flight';
import { clOrdIdFor, type Ticket } from './ticket';
import type { DecayingLevel } from './trading-rate';
import type { TradingRates } from './trading-rates';

export { ConfirmationRequiredError };

/** An error answer; `retryable: true` says nothing was placed and the same key may be sent again. */
export interface PlaceError {
  code: AppErrorCode;
  message: string;
  retryable?: true;
}

/** The answer the API gives for a ticket; stored per idempotency key and replayed for repeats. */
export interface PlaceResult {
  status: number;
  /** 202 `{ approval }`: above the desk's four-eyes threshold, nothing placed until a second member approves */
  body: { order: DeskOrder } | { error: PlaceError } | { approval: ApprovalView };
  /** true when this is the stored answer to an earlier submit of the same key */
  replayed: boolean;
}

export interface PlaceDeps {
  db: DeskDb;
  kraken: KrakenClient;
  market: MarketContext;
  now: () => Date;
  flights: SingleFlight<PlaceResult>;
  memberLock: KeyedMutex;
  /** called after anything that may change balances or open orders */
  invalidateReads: () => void;
  /** the model of Kraken's per-pair trading rate counter, with each member's share */
  rates: TradingRates;
  /** USD each finished order counts for in the daily limit (see day-usage.ts) */
  finished: Map<string, string>;
  /** the open orders' txids from the account reads' cache, so the daily limit asks Kraken only about the rest */
  openTxids?: () => Promise<ReadonlySet<string>>;
  /** budget of the status lookups right after placing, so a burst of orders never waits on the REST counter */
  statusReads: DecayingLevel;
  /** what the private feed said about recent orders: a placement's status without a lookup (placed-status.ts) */
  reports?: OrderReports;
  /** the order was just placed: the daily limit counts it as open without asking Kraken (reads.ts noteOpened) */
  noteOpened?: (txid: string) => void;
  /** four eyes (lib/approvals): orders above the policy's threshold wait for a second member's approval */
  approvals?: ApprovalGate;
}

export const actorOf = (member: Member): Actor => ({ id: member.id, username: member.username });

/** SHA-256 of the ticket without the fields that may differ between honest repeats. */
export function ticketHash(ticket: Ticket): string {
  const { confirm: _confirm, idempotencyKey: _key, ...rest } = ticket;
  return createHash('sha256').update(JSON.stringify(rest, Object.keys(rest).sort())).digest('hex');
}

/** How long a repeat waits for a placement running elsewhere (another desk process) to settle. */
const SETTLE_WAIT_MS = 20_000;
const SETTLE_POLL_MS = 25;

/** Another process released the key while this one waited: the ticket may be placed afresh. */
const RELEASED = Symbol('released');

async function replay(deps: PlaceDeps, found: DeskOrderRecord, member: Member, hash: string): Promise<PlaceResult | typeof RELEASED> {
  if (found.memberId !== member.id) throw new AppError('idempotency_key_conflict');
  if (found.requestHash !== hash) throw new AppError('idempotency_key_reused');
  let record = found;
  // A pending row claimed recently is being placed by another process: wait for its answer rather than guess.
  const claimedAt = Date.parse(record.createdAt);
  while (!record.response && Date.now() - claimedAt < SETTLE_WAIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    const now = await deps.db.deskOrders.findByKey(record.idempotencyKey);
    if (!now) return RELEASED;
    record = now;
  }
  if (!record.response) {
    throw new AppError('order_in_progress');
  }
  if (record.state === 'unknown') return resolveUnknown(deps, record, record.response);
  return { status: record.response.status, body: record.response.body as PlaceResult['body'], replayed: true };
}

/**
 * A repeat of a ticket whose outcome stayed unknown (Kraken's answer and the lookup both failed) looks the
 * cl_ord_id up again — still never resending. Found → the order is settled as placed and returned.
 */
async function resolveUnknown(deps: PlaceDeps, record: DeskOrderRecord, stored: { status: number; body: unknown }): Promise<PlaceResult> {
  const unchanged: PlaceResult = { status: stored.status, body: stored.body as PlaceResult['body'], replayed: true };
  let found;
  try {
    found = [...(await deps.kraken.private.openOrders({ clOrdId: record.clOrdId })), ...(await deps.kraken.private.closedOrders({ clOrdId: record.clOrdId })).orders]
      .find((o) => o.clOrdId === record.clOrdId);
  } catch {
    return unchanged;
  }
  if (!found) return unchanged;
  const order = { ...toDeskOrder(found, indexRecords([record])), resolvedByLookup: true };
  const response = { status: 201, body: { order } };
  await deps.db.deskOrders.settle(record.id, { state: 'placed', txid: found.txid, response });
  await auditEvent(deps.db.audit, SYSTEM_ACTOR, 'order.place.resolved', { idempotencyKey: record.idempotencyKey, txid: found.txid, status: found.status }, { subject: record.symbol });
  return { ...response, replayed: true };
}

/**
 * Placement in order: the checks of checks.ts (refusals audited) → the trading rate budget → claim the key → audit
 * intent → AddOrder (lost answers resolved by lookup inside the client) → settle + audit result.
 * The same key always gets the first answer: in-process single flight, then the table's unique key. A key whose
 * order was proved not placed is released (see send), so the same or a changed ticket may be sent again.
 */
export function placeOrder(deps: PlaceDeps, member: Member, ticket: Ticket, approved?: Approved): Promise<PlaceResult> {
  const key = ticket.idempotencyKey.toLowerCase();
  const hash = ticketHash(ticket);
  const shared = deps.flights.has(key);
  const result = deps.flights.run(key, () => auditRefusals(deps, member, 'order.place', ticketDetail(ticket), ticket.symbol.toUpperCase(), async () => {
    for (let attempt = 0; ; attempt++) {
      // Both reads at once (one round trip less on PostgreSQL); the approval's answer counts only when no order
      // holds the key, so its refusal is ignored otherwise.
      const approvalRead = approved ? undefined : deps.approvals?.existing(member, key, hash);
      approvalRead?.catch(() => undefined);
      const existing = await deps.db.deskOrders.findByKey(key);
      const replayed = existing ? await replay(deps, existing, member, hash) : undefined;
      if (replayed === RELEASED && attempt < 3) continue;
      if (replayed && replayed !== RELEASED) return replayed;
      // A repeat of a ticket that waits for approval gets its request back, without filing another.
      const waiting = !existing ? await approvalRead : null;
      if (waiting) return { status: 202, body: { approval: waiting }, replayed: true };
      const claimed = await deps.memberLock.run(String(member.id), () => checkAndClaim(deps, member, ticket, key, hash, approved));
      if ('approval' in claimed) return { status: 202, body: { approval: claimed.approval }, replayed: false };
      if ('existing' in claimed) {
        const again = await replay(deps, claimed.existing, member, hash);
        if (again === RELEASED && attempt < 3) continue;
        if (again === RELEASED) throw new AppError('order_in_progress');
        return again;
      }
      return send(deps, member, ticket, claimed.record, claimed.pair, approved);
    }
  }));
  // A submit that joined a running placement of the same key is a repeat: it gets the same answer.
  return shared ? result.then((r) => ({ ...r, replayed: true })) : result;
}

/** The desk's checks for a preview, as a verdict instead of an exception (confirmation is the preview's own flag). */
export async function checkTicket(deps: PlaceDeps, member: Member, ticket: Ticket, pair: AssetPair, preview: OrderPreview, settings: DeskSettings): Promise<{ ok: true } | { ok: false; code: AppErrorCode; message: string }> {
  try {
    await checkOrder(deps, member, { ...ticket, confirm: true }, pair, settings, { preview });
    return { ok: true };
  } catch (error) {
    const appError = toAppError(error);
    return { ok: false, code: appError.code, message: appError.message };
  }
}

type Claim = { existing: DeskOrderRecord } | { record: DeskOrderRecord; pair: AssetPair } | { approval: ApprovalView };

async function checkAndClaim(deps: PlaceDeps, member: Member, ticket: Ticket, key: string, hash: string, approved?: Approved): Promise<Claim> {
  // the member's limits are read beside the desk settings (one round trip less on PostgreSQL), both under the member's lock
  const limits = deps.db.limits.get(member.id);
  limits.catch(() => undefined);
  const settings = await deps.db.deskSettings.get();
  if (settings.frozen) throw new AppError('desk_frozen');
  const pair = await deps.market.pair(ticket.symbol).catch((error: unknown) => { throw beforeSendError(error); });
  const { notionalUsd, preview } = await checkOrder(deps, member, ticket, pair, settings, { limits });
  // Four eyes: an order that passed every check but is worth more than the threshold waits for a second member.
  const threshold = approved ? null : deps.approvals?.threshold(member, notionalUsd, settings) ?? null;
  if (threshold !== null && deps.approvals) {
    const approval = await deps.approvals.request(member, {
      kind: 'place', idempotencyKey: key, requestHash: hash, symbol: pair.symbol, ticket, notionalUsd, thresholdUsd: threshold, preview,
    });
    return { approval };
  }
  await deps.rates.charge(pair.symbol, member.id, { kind: 'add' });
  const { claimed, record } = await deps.db.deskOrders.claim({
    idempotencyKey: key, clOrdId: clOrdIdFor(key), memberId: member.id, requestHash: hash, symbol: pair.symbol, side: ticket.side,
    orderType: ticket.type, volume: ticket.volume, price: ticket.price ?? null, notionalUsd, utcDay: utcDay(deps.now()),
    approvedBy: approved?.approver.id ?? null,
  });
  if (!claimed) {
    await deps.rates.refund(pair.symbol, member.id, { kind: 'add' });
    return { existing: record };
  }
  return { record, pair };
}

async function send(deps: PlaceDeps, member: Member, ticket: Ticket, record: DeskOrderRecord, pair: AssetPair, approved?: Approved): Promise<PlaceResult> {
  const request = toAddOrderRequest(ticket, pair, record.clOrdId);
  let placed: PlacedOrder;
  let recorded: Promise<void>;
  try {
    ({ value: placed, recorded } = await auditedCallRecordedLater(deps.db.audit, {
      actor: actorOf(member), action: 'order.place', subject: pair.symbol, idempotencyKey: record.idempotencyKey,
      detail: { ...request, notionalUsd: record.notionalUsd, ...(approved ? { approvedBy: approved.approver.username, approvalId: approved.approvalId } : {}) },
    }, () => deps.kraken.private.addOrder(request), {
      ok: (p) => ({ txids: p.txids, description: p.description, resolvedByLookup: p.resolvedByLookup, status: p.order?.status }),
      error: (e) => ({
        outcome: isKrakenError(e) && e.code === 'unknown_outcome' ? 'unknown' : 'error',
        detail: isKrakenError(e) ? { code: e.code, krakenErrors: e.krakenErrors, notPlaced: e.orderOutcome === 'not_placed' } : { code: 'internal' },
      }),
    }));
  } catch (error) {
    const appError = toAppError(error);
    const unknown = isKrakenError(error) && error.code === 'unknown_outcome';
    if (isKrakenError(error) && error.code === 'trading_rate_limited') await deps.rates.markExceeded(pair.symbol);
    if (isRetryableNotPlaced(error)) {
      // Proved not placed and not a verdict on the order: free the key so the ticket can be sent again.
      await deps.db.deskOrders.release(record.id);
      return { status: appError.status, body: { error: { code: appError.code, message: `${appError.message} Nothing was placed; you can send this ticket again.`, retryable: true } }, replayed: false };
    }
    const response = { status: appError.status, body: { error: { code: appError.code, message: appError.message } } };
    await deps.db.deskOrders.settle(record.id, { state: unknown ? 'unknown' : 'rejected', txid: null, response });
    return { ...response, replayed: false };
  } finally {
    deps.invalidateReads();
  }
  const txid = placed.txids[0];
  if (txid) deps.rates.noteChange(txid, pair.symbol);
  const order = await placedStatus(deps, ticket, placedDeskOrder(ticket, placed, record, pair.symbol), placed, record);
  if (txid && !FINAL_STATUSES.has(order.status)) deps.noteOpened?.(txid);
  const response = { status: 201, body: { order } };
  await deps.db.deskOrders.settle(record.id, { state: 'placed', txid: txid ?? null, response });
  // the audit's result row was written beside the status read and the settle; nobody is answered before it is
  await recorded;
  return { ...response, replayed: false };
}

const FINAL_STATUSES = new Set<DeskOrder['status']>(['closed', 'canceled', 'expired']);
