import { createHash } from 'node:crypto';
import { AppError } from '../errors';
import { auditedCall, auditEvent, SYSTEM_ACTOR, type Actor } from '../audit/events';
import type { DeskDb } from '../db/database';
import type { DeskOrderRecord } from '../db/desk-orders';
import type { DeskSettings } from '../db/desk-settings';
import type { Member } from '../db/members';
import { isKrakenError } from '../kraken/errors';
import type { KrakenClient } from '../kraken/rest';
import type { PlacedOrder } from '../kraken/types-private';
import type { AssetPair } from '../kraken/types';
import { checkLimits, utcDay } from './limits';
import type { MarketContext } from './market-context';
import { toAppError } from './messages';
import { indexRecords, placedDeskOrder, toAddOrderRequest, toDeskOrder, type DeskOrder } from './order-view';
import { checkPairRules } from './pair-rules';
import { buildPreview, referencePrice, type OrderPreview } from './preview';
import type { KeyedMutex, SingleFlight } from './single-flight';
import { clOrdIdFor, type Ticket } from './ticket';

/** The answer the API gives for a ticket; stored per idempotency key and replayed for repeats. */
export interface PlaceResult {
  status: number;
  body: { order: DeskOrder } | { error: { code: string; message: string } };
  /** true when this is the stored answer to an earlier submit of the same key */
  replayed: boolean;
}

/** 409 with the preview: the fat-finger guard wants `confirm: true`. */
export class ConfirmationRequiredError extends AppError {
  constructor(readonly preview: OrderPreview) {
    super('confirmation_required', 409, `Confirm this order: ${preview.confirmationReasons.join(' ')}`);
  }
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
}

export const actorOf = (member: Member): Actor => ({ id: member.id, username: member.username });

/** SHA-256 of the ticket without the fields that may differ between honest repeats. */
function ticketHash(ticket: Ticket): string {
  const { confirm: _confirm, idempotencyKey: _key, ...rest } = ticket;
  return createHash('sha256').update(JSON.stringify(rest, Object.keys(rest).sort())).digest('hex');
}

/** How long a repeat waits for a placement running elsewhere (another desk process) to settle. */
const SETTLE_WAIT_MS = 20_000;
const SETTLE_POLL_MS = 25;

async function replay(deps: PlaceDeps, found: DeskOrderRecord, member: Member, hash: string): Promise<PlaceResult> {
  if (found.memberId !== member.id) throw new AppError('idempotency_key_conflict', 409, 'This idempotency key was already used for another member\'s order. Use a new ticket.');
  if (found.requestHash !== hash) throw new AppError('idempotency_key_reused', 422, 'This idempotency key was already used for a different order. Use a new ticket.');
  let record = found;
  // A pending row claimed recently is being placed by another process: wait for its answer rather than guess.
  const claimedAt = Date.parse(record.createdAt);
  while (!record.response && Date.now() - claimedAt < SETTLE_WAIT_MS) {
    await new Promise((resolve) => setTimeout(resolve, SETTLE_POLL_MS));
    record = (await deps.db.deskOrders.findByKey(record.idempotencyKey)) ?? record;
  }
  if (!record.response) {
    throw new AppError('order_in_progress', 409, 'This order is still being placed (or the desk stopped while placing it). Check open orders before trying again.');
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
 * DESIGN §5 in order: frozen desk → pair → preview → pair rules → limits → fat-finger guard → claim the key →
 * audit intent → AddOrder (lost answers resolved by lookup inside the client) → settle + audit result.
 * The same key always gets the first answer: in-process single flight, then the table's unique key.
 */
export function placeOrder(deps: PlaceDeps, member: Member, ticket: Ticket): Promise<PlaceResult> {
  const key = ticket.idempotencyKey.toLowerCase();
  const hash = ticketHash(ticket);
  const shared = deps.flights.has(key);
  const result = deps.flights.run(key, async () => {
    const existing = await deps.db.deskOrders.findByKey(key);
    if (existing) return replay(deps, existing, member, hash);
    const claimed = await deps.memberLock.run(String(member.id), () => checkAndClaim(deps, member, ticket, key, hash));
    if ('existing' in claimed) return replay(deps, claimed.existing, member, hash);
    return send(deps, member, ticket, claimed.record, claimed.pair);
  });
  // A submit that joined a running placement of the same key is a repeat: it gets the same answer.
  return shared ? result.then((r) => ({ ...r, replayed: true })) : result;
}

/** Pair rules and the member's limits; returns the order's USD notional. Throws AppErrors with the reason. */
async function enforceRules(deps: PlaceDeps, member: Member, ticket: Ticket, pair: AssetPair, preview: OrderPreview): Promise<string> {
  checkPairRules(ticket, pair, referencePrice(ticket, preview));
  if (preview.notionalUsd === undefined) {
    throw new AppError('notional_unknown', 422, 'The desk could not value this order in USD (no price available), so it cannot check your limits. Try a limit order.');
  }
  const limits = await deps.db.limits.get(member.id);
  const usedTodayUsd = await deps.db.deskOrders.dayNotional(member.id, utcDay(deps.now()));
  checkLimits(limits, { symbol: pair.symbol, orderType: ticket.type, notionalUsd: preview.notionalUsd, usedTodayUsd });
  return preview.notionalUsd;
}

/** The desk's checks for a preview, as a verdict instead of an exception. */
export async function checkTicket(deps: PlaceDeps, member: Member, ticket: Ticket, pair: AssetPair, preview: OrderPreview, settings: DeskSettings): Promise<{ ok: true } | { ok: false; code: string; message: string }> {
  try {
    if (settings.frozen) throw new AppError('desk_frozen', 423, 'The desk is frozen by an admin: no new orders are accepted.');
    await enforceRules(deps, member, ticket, pair, preview);
    return { ok: true };
  } catch (error) {
    const appError = toAppError(error);
    return { ok: false, code: appError.code, message: appError.message };
  }
}

type Claim = { existing: DeskOrderRecord } | { record: DeskOrderRecord; pair: AssetPair };

async function checkAndClaim(deps: PlaceDeps, member: Member, ticket: Ticket, key: string, hash: string): Promise<Claim> {
  const settings = await deps.db.deskSettings.get();
  if (settings.frozen) throw new AppError('desk_frozen', 423, 'The desk is frozen by an admin: no new orders are accepted.');
  const pair = await deps.market.pair(ticket.symbol).catch((error: unknown) => { throw toAppError(error); });
  const preview = await buildPreview(deps.market, pair, ticket, settings);
  const notionalUsd = await enforceRules(deps, member, ticket, pair, preview);
  if (preview.confirmationRequired && ticket.confirm !== true) throw new ConfirmationRequiredError(preview);
  const { claimed, record } = await deps.db.deskOrders.claim({
    idempotencyKey: key, clOrdId: clOrdIdFor(key), memberId: member.id, requestHash: hash, symbol: pair.symbol, side: ticket.side,
    orderType: ticket.type, volume: ticket.volume, price: ticket.price ?? null, notionalUsd, utcDay: utcDay(deps.now()),
  });
  if (!claimed) return { existing: record };
  return { record, pair };
}

async function send(deps: PlaceDeps, member: Member, ticket: Ticket, record: DeskOrderRecord, pair: AssetPair): Promise<PlaceResult> {
  const request = toAddOrderRequest(ticket, pair, record.clOrdId);
  let placed: PlacedOrder;
  try {
    placed = await auditedCall(deps.db.audit, {
      actor: actorOf(member), action: 'order.place', subject: pair.symbol, idempotencyKey: record.idempotencyKey,
      detail: { ...request, notionalUsd: record.notionalUsd },
    }, () => deps.kraken.private.addOrder(request), {
      ok: (p) => ({ txids: p.txids, description: p.description, resolvedByLookup: p.resolvedByLookup, status: p.order?.status }),
      error: (e) => ({
        outcome: isKrakenError(e) && e.code === 'unknown_outcome' ? 'unknown' : 'error',
        detail: isKrakenError(e) ? { code: e.code, krakenErrors: e.krakenErrors, notPlaced: e.orderOutcome === 'not_placed' } : { code: 'internal' },
      }),
    });
  } catch (error) {
    const appError = toAppError(error);
    const unknown = isKrakenError(error) && error.code === 'unknown_outcome';
    const response = { status: appError.status, body: { error: { code: appError.code, message: appError.message } } };
    await deps.db.deskOrders.settle(record.id, { state: unknown ? 'unknown' : 'rejected', txid: null, response });
    deps.invalidateReads();
    return { ...response, replayed: false };
  } finally {
    deps.invalidateReads();
  }
  const order = placedDeskOrder(ticket, placed, record, pair.symbol);
  const response = { status: 201, body: { order } };
  await deps.db.deskOrders.settle(record.id, { state: 'placed', txid: placed.txids[0] ?? null, response });
  return { ...response, replayed: false };
}
