import type { DeskDb } from '../db/database';
import type { DeskSettings } from '../db/desk-settings';
import type { LimitsInput, MemberLimits } from '../db/limits';
import type { Member } from '../db/members';
import type { KrakenClient } from '../kraken/rest';
import { AppError } from '../errors';
import { setDeadManSwitch, setFrozen, setMemberLimits, setThresholds, type thresholdsSchema } from './desk-controls';
import { auditRefusal } from '../audit/events';
import { createApprovalService, type ApprovalService } from '../approvals/service';
import { amendOrder, type AmendResult } from './amend';
import { cancelAllOrders, cancelOrder } from './manage';
import { BookKeeper, type HoldBook } from './book-keeper';
import { createMarketContext, PREVIEW_DEPTH, type BookSource, type MarketContext } from './market-context';
import { beforeSendError, toAppError } from './kraken-errors';
import { toAddOrderRequest } from './order-view';
import { actorOf, checkTicket, placeOrder, type PlaceDeps, type PlaceResult } from './place';
import type { DryRun, OrderPreview } from '../desk-api/preview';
import { buildPreview } from './preview';
import type { OrdersList } from '../desk-api/orders';
import type { AccountBalances } from '../desk-api/account';
import type { OrderReports } from './order-reports';
import { createAccountReads, type AccountReads, type ReadTtls } from './reads';
import { KeyedMutex, SingleFlight } from './single-flight';
import { clOrdIdFor, type AmendTicket, type Ticket } from './ticket';
import { DecayingLevel, OrderRateError, type TradingRateOptions } from './trading-rate';
import { localTradingRates, sharedTradingRates } from './trading-rates';
import { isKrakenError } from '../kraken/errors';
import { TIER_LIMITS, type Tier } from '../kraken/rate-limit';
import type { z } from 'zod';

export interface OrderServiceDeps {
  db: DeskDb;
  kraken: KrakenClient;
  /** the hub's live book (optional; REST Depth otherwise) */
  bookSnapshot?: BookSource;
  /** keeps a symbol's book in the hub at a depth (book-keeper.ts): previewed and traded symbols are read live */
  holdBook?: HoldBook;
  now?: () => Date;
  readTtls?: ReadTtls;
  /** the hub's account updates (private feed); history reads reload soon after each */
  onAccountUpdate?: (listener: () => void) => () => void;
  /** Kraken tier of the key and each member's share of the per-pair trading rate counter (trading-rate.ts) */
  tradingRate?: Omit<TradingRateOptions, 'now'>;
  /** the private feed's reports on recent orders (order-reports.ts): a placement's status without a read-back */
  orderReports?: OrderReports;
  /** status reads right after placing: at most `burst` at once, refilled at `perSecond`; default 5 and 0.5 */
  statusReads?: { burst: number; perSecond: number };
  /** four eyes: the approval threshold (USD) until an admin sets the policy (DESK_APPROVAL_ABOVE_USD); default none */
  approvalAboveUsd?: string | null;
}

/**
 * Status read-backs right after placing (placed-status.ts) may use a quarter of the REST counter's decay:
 * at the starter tier's 0.33/s a read-back per order would leave nothing to open orders, balances and history.
 * Past the budget an answer says `submitted` and the private feed brings the status.
 */
const STATUS_READ_BURST = 5;
const statusReadsPerSecond = (tier: Tier = 'starter') => TIER_LIMITS[tier].decayPerSecond / 4;

/** Everything the API routes and server actions call; one instance per process (see lib/server/orders.ts). */
export interface OrderService {
  place(member: Member, ticket: Ticket): Promise<PlaceResult>;
  /** Impact + fat-finger verdict + Kraken's validate=true dry run. */
  preview(member: Member, ticket: Ticket): Promise<OrderPreview>;
  cancel(member: Member, id: string): Promise<{ cancelled: number; pending: boolean }>;
  cancelAll(member: Member): Promise<{ cancelled: number }>;
  amend(member: Member, id: string, amend: AmendTicket): Promise<AmendResult>;
  orders(status: 'open' | 'closed', page: number): Promise<OrdersList>;
  balances(): Promise<AccountBalances>;
  deskSettings(): Promise<DeskSettings>;
  freeze(admin: Member, frozen: boolean): Promise<{ settings: DeskSettings; cancelled: number | null }>;
  deadManSwitch(admin: Member, enabled: boolean): Promise<{ settings: DeskSettings; triggerTime: string | null }>;
  thresholds(admin: Member, input: z.output<typeof thresholdsSchema>): Promise<DeskSettings>;
  memberLimits(memberId: number): Promise<MemberLimits>;
  setMemberLimits(admin: Member, memberId: number, limits: LimitsInput): Promise<MemberLimits>;
  readonly reads: AccountReads;
  readonly market: MarketContext;
  /** four-eyes approval requests (lib/approvals) */
  readonly approvals: ApprovalService;
}

export function createOrderService(deps: OrderServiceDeps): OrderService {
  const now = deps.now ?? (() => new Date());
  const keeper = deps.holdBook ? new BookKeeper(deps.holdBook, { depth: PREVIEW_DEPTH }) : undefined;
  const market = createMarketContext(deps.kraken, deps.bookSnapshot, () => now().getTime(), keeper && ((symbol) => keeper.touch(symbol)));
  const reads = createAccountReads(deps.db, deps.kraken, market, deps.readTtls, () => now().getTime());
  deps.onAccountUpdate?.(() => reads.accountChanged());
  const nowMs = () => now().getTime();
  const placeDeps: PlaceDeps = {
    db: deps.db, kraken: deps.kraken, market, now, flights: new SingleFlight<PlaceResult>(), memberLock: new KeyedMutex((key, task) => deps.db.shared.exclusive(`member:${key}`, task)),
    invalidateReads: () => reads.invalidate(),
    // PostgreSQL: one budget per pair for every instance; SQLite: this process's model.
    rates: deps.db.shared.levels
      ? sharedTradingRates(deps.db.shared.levels, { ...deps.tradingRate, now: nowMs })
      : localTradingRates({ ...deps.tradingRate, now: nowMs }),
    finished: new Map(),
    openTxids: () => reads.openTxids(),
    noteOpened: (txid) => reads.noteOpened(txid),
    reports: deps.orderReports,
    statusReads: new DecayingLevel(deps.statusReads?.burst ?? STATUS_READ_BURST, deps.statusReads?.perSecond ?? statusReadsPerSecond(deps.tradingRate?.tier), nowMs),
  };
  const approvals = createApprovalService({
    place: placeDeps, initialAboveUsd: deps.approvalAboveUsd ?? null,
    placeApproved: (requester, ticket, approved) => placeOrder(placeDeps, requester, ticket, approved),
    amendApproved: (requester, id, amend, approved) => amendOrder(placeDeps, requester, id, amend, approved),
  });
  placeDeps.approvals = approvals.gate;

  /** Kraken's dry run is an AddOrder too and counts on the pair's counter: it runs only within the budget. */
  async function budgetedDryRun(member: Member, ticket: Ticket, pair: Awaited<ReturnType<MarketContext['pair']>>): Promise<DryRun> {
    try {
      await placeDeps.rates.charge(pair.symbol, member.id, { kind: 'add' });
    } catch (error) {
      if (!(error instanceof OrderRateError)) throw error;
      await auditRefusal(deps.db.audit, actorOf(member), 'order.preview', error.code, { symbol: pair.symbol, message: error.message }, pair.symbol);
      return { ok: false, code: error.code, message: `Kraken's dry run was skipped: ${error.message}` };
    }
    return dryRun(ticket, pair);
  }

  async function dryRun(ticket: Ticket, pairId: Awaited<ReturnType<MarketContext['pair']>>): Promise<DryRun> {
    try {
      const result = await deps.kraken.private.addOrder(toAddOrderRequest(ticket, pairId, clOrdIdFor(ticket.idempotencyKey), true));
      return { ok: true, description: result.description };
    } catch (error) {
      const appError = toAppError(error);
      return { ok: false, code: appError.code, message: isKrakenError(error) && error.code === 'invalid_arguments' ? `${appError.message} (${error.krakenErrors.join('; ') || error.message})` : appError.message };
    }
  }

  return {
    place: (member, ticket) => placeOrder(placeDeps, member, ticket),
    async preview(member, ticket) {
      const pair = await market.pair(ticket.symbol).catch((error: unknown) => { throw beforeSendError(error); });
      const settings = await deps.db.deskSettings.get();
      const preview = await buildPreview(market, pair, ticket, settings);
      const [validation, deskCheck] = await Promise.all([budgetedDryRun(member, ticket, pair), checkTicket(placeDeps, member, ticket, pair, preview, settings)]);
      const approvalAboveUsd = approvals.gate.threshold(member, preview.notionalUsd, settings);
      return { ...preview, validation, deskCheck, needsApproval: approvalAboveUsd !== null, ...(approvalAboveUsd === null ? {} : { approvalAboveUsd }) };
    },
    cancel: (member, id) => cancelOrder(placeDeps, member, id),
    cancelAll: (member) => cancelAllOrders(placeDeps, member),
    amend: (member, id, amend) => amendOrder(placeDeps, member, id, amend),
    orders: (status, page) => {
      if (!Number.isInteger(page) || page < 0 || page > 10_000) throw new AppError('invalid_page');
      return reads.orders(status, page);
    },
    balances: () => reads.balances(),
    deskSettings: () => deps.db.deskSettings.get(),
    freeze: (admin, frozen) => setFrozen(placeDeps, admin, frozen),
    deadManSwitch: (admin, enabled) => setDeadManSwitch(placeDeps, admin, enabled),
    thresholds: (admin, input) => setThresholds(deps.db, admin, input),
    memberLimits: (memberId) => deps.db.limits.get(memberId),
    setMemberLimits: (admin, memberId, limits) => setMemberLimits(deps.db, admin, memberId, limits),
    reads,
    market,
    approvals,
  };
}
