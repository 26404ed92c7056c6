import { addText, isZeroText } from '../decimal';
import { reportedOrderStatus, type ExecutionUpdate } from '../kraken/account-updates';
import type { DeskOrder } from '../desk-api/orders';

/**
 * What the account's private feed (`executions`) has said about recent orders, by cl_ord_id, so a placement can
 * answer with the order's status without a second signed call. Kraken's AddOrder answer carries no status; the
 * desk used to read it back with QueryOrders, one more round trip to Kraken (and one REST counter point) on every
 * order. The execution reports for the new order arrive on the private socket at about the time AddOrder answers,
 * so place.ts asks here first and falls back to QueryOrders when the feed has nothing to say in time.
 *
 * Only a feed that is connected and has sent its snapshot since is trusted: before that (or after a loss) the
 * reports of an order could be missing, so `settled` answers at once with nothing and the caller reads back.
 */

export type ReportedStatus = Extract<DeskOrder['status'], 'open' | 'closed' | 'canceled' | 'expired'>;

export interface OrderReport {
  orderId: string;
  status: ReportedStatus;
  volumeExecuted?: string;
  cost?: string;
  avgPrice?: string;
  /** the fills' fees in the quote currency; undefined when there was none or one was charged in another asset */
  fee?: string;
  reason?: string;
  /** Unix seconds of the first report (the order's entry) and of the terminal one */
  openTime?: number;
  closeTime?: number;
}

export interface OrderReports {
  /** Rows of the executions channel, in the order they arrived; a snapshot marks the feed complete from then on. */
  observe(kind: 'snapshot' | 'update', rows: readonly ExecutionUpdate[]): void;
  /** The private feed's connection state: anything but live or stale forgets every report until the next snapshot. */
  connection(state: string): void;
  /**
   * The order's latest report once it says more than `pending_new`, waiting up to `waitMs` for one; with `terminal`,
   * only a closed, cancelled or expired order counts (an order that cannot rest). Undefined when the feed is not
   * complete or nothing came in time.
   */
  settled(clOrdId: string, options: { waitMs: number; terminal?: boolean }): Promise<OrderReport | undefined>;
}

const TERMINAL = new Set<ReportedStatus>(['closed', 'canceled', 'expired']);

interface Entry {
  orderId: string;
  status?: ReportedStatus;
  cumQty?: string;
  cumCost?: string;
  avgPrice?: string;
  /** fees in the quote currency summed over `fills`; null once a fee came in another asset */
  fee?: string | null;
  /** execution ids already counted (a snapshot after a resubscribe repeats recent fills) */
  fills?: Set<string>;
  reason?: string;
  openTime?: number;
  closeTime?: number;
  /** when its last report came */
  seenAt: number;
}

const seconds = (timestamp: string | undefined) => {
  const ms = timestamp === undefined ? NaN : Date.parse(timestamp);
  return Number.isFinite(ms) ? ms / 1000 : undefined;
};

/** Adds a fill's fees once (by execution id), in the quote currency of the row's `BASE/QUOTE` symbol only. */
function addFees(entry: Entry, row: ExecutionUpdate): void {
  if (!row.fees || row.fees.length === 0 || entry.fee === null) return;
  if (row.execId) {
    entry.fills ??= new Set();
    if (entry.fills.has(row.execId)) return;
    entry.fills.add(row.execId);
  }
  const quote = row.symbol?.split('/')[1];
  for (const fee of row.fees) {
    if (!quote || fee.asset !== quote) {
      entry.fee = null;
      return;
    }
    entry.fee = addText(entry.fee ?? '0', fee.qty);
  }
}

export function createOrderReports(options: { now?: () => number; keepMs?: number; maxOrders?: number } = {}): OrderReports {
  const now = options.now ?? Date.now;
  // a placement asks within milliseconds of its AddOrder answer; a minute covers any slow answer with room to spare
  const keepMs = options.keepMs ?? 60_000;
  const maxOrders = options.maxOrders ?? 10_000;
  const entries = new Map<string, Entry>();
  // a report that leaves out cl_ord_id still names the order: its id leads back to the cl_ord_id
  const clOrdIdOf = new Map<string, string>();
  const waiters = new Map<string, Set<() => void>>();
  let complete = false;

  function record(row: ExecutionUpdate): void {
    const clOrdId = row.clOrdId ?? clOrdIdOf.get(row.orderId);
    if (!clOrdId) return;
    const previous = entries.get(clOrdId);
    const entry: Entry = previous && previous.orderId === row.orderId ? previous : { orderId: row.orderId, seenAt: 0 };
    entry.seenAt = now();
    // `pending_new` says nothing the placement does not know yet
    const reported = reportedOrderStatus(row.orderStatus);
    const status = reported === 'pending' ? undefined : reported;
    if (status) entry.status = status;
    entry.cumQty = row.cumQty ?? entry.cumQty;
    entry.cumCost = row.cumCost ?? entry.cumCost;
    entry.avgPrice = row.avgPrice ?? entry.avgPrice;
    if (row.reason && (status === 'canceled' || status === 'expired')) entry.reason = row.reason;
    addFees(entry, row);
    entry.openTime ??= seconds(row.timestamp);
    if (status && TERMINAL.has(status)) entry.closeTime = seconds(row.timestamp) ?? entry.closeTime;
    // re-inserted, so the map stays in order of last news and the oldest are pruned first
    entries.delete(clOrdId);
    entries.set(clOrdId, entry);
    clOrdIdOf.set(row.orderId, clOrdId);
    for (const wake of waiters.get(clOrdId) ?? []) wake();
  }

  function prune(): void {
    const cutoff = now() - keepMs;
    for (const [id, entry] of entries) {
      if (entries.size <= maxOrders && entry.seenAt >= cutoff) break;
      entries.delete(id);
      clOrdIdOf.delete(entry.orderId);
    }
  }

  function reportOf(clOrdId: string, terminal: boolean): OrderReport | undefined {
    const entry = complete ? entries.get(clOrdId) : undefined;
    if (!entry?.status || (terminal && !TERMINAL.has(entry.status))) return undefined;
    return {
      orderId: entry.orderId, status: entry.status, volumeExecuted: entry.cumQty, cost: entry.cumCost, avgPrice: entry.avgPrice,
      // nothing executed means no fee at all, as a read-back says; fills in another asset leave it unknown
      fee: entry.fee === null ? undefined : entry.fee ?? (entry.cumQty !== undefined && isZeroText(entry.cumQty) ? '0' : undefined),
      reason: entry.reason, openTime: entry.openTime, closeTime: TERMINAL.has(entry.status) ? entry.closeTime : undefined,
    };
  }

  return {
    observe(kind, rows) {
      if (kind === 'snapshot') complete = true;
      for (const row of rows) record(row);
      prune();
    },
    connection(state) {
      if (state === 'live' || state === 'stale') return;
      complete = false;
      entries.clear();
      clOrdIdOf.clear();
    },
    async settled(clOrdId, { waitMs, terminal = false }) {
      if (!complete) return undefined;
      // reports already read off the socket but not yet handled come first
      await new Promise((resolve) => setImmediate(resolve));
      const known = reportOf(clOrdId, terminal);
      if (known || waitMs <= 0 || !complete) return known;
      return new Promise((resolve) => {
        const set = waiters.get(clOrdId) ?? new Set<() => void>();
        waiters.set(clOrdId, set);
        const finish = (report: OrderReport | undefined) => {
          clearTimeout(timer);
          set.delete(wake);
          if (set.size === 0) waiters.delete(clOrdId);
          resolve(report);
        };
        const wake = () => {
          const report = reportOf(clOrdId, terminal);
          if (report) finish(report);
        };
        const timer = setTimeout(() => finish(undefined), waitMs);
        set.add(wake);
      });
    },
  };
}
