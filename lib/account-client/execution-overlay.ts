import { compareDecimal, isDecimalText, isZeroText } from '@/lib/decimal';
import { executionUpdatesOf, reportedOrderStatus, type ExecutionUpdate } from '@/lib/kraken/account-updates';
import type { DeskOrder } from '../desk-api/orders';

/**
 * Applies the private executions feed to the open-orders list the moment a frame arrives. The list itself
 * comes from the desk's API (it knows which member placed each order), and the server caches that read,
 * so a read can be older than the frames already seen: each order's latest report is
 * kept for HOLD_MS and laid over every list until the API has certainly caught up. An order the list has
 * never shown needs the API anyway (for its member), so `record` says when to read again.
 */

/** Well past the server's reload after a reported change (about a second: AccountReads.accountChanged) plus a slow answer. */
const HOLD_MS = 10_000;

/** The rows of one executions frame (mapped by lib/kraken/account-updates); rows of other shapes are left out. */
export const executionReports = executionUpdatesOf;

const CLOSED = new Set(['filled', 'canceled', 'expired']);
/** Order types whose v2 `limit_price` is the price the desk's list shows (REST `descr.price`). */
const PRICED_BY_LIMIT = new Set(['limit', 'iceberg']);

interface Held {
  at: number;
  closed: boolean;
  patch: Partial<Pick<DeskOrder, 'status' | 'volume' | 'volumeExecuted' | 'cost' | 'avgPrice' | 'price'>>;
}

export class ExecutionOverlay {
  private readonly held = new Map<string, Held>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps the reports; true when one is a live order `shown` does not contain. */
  record(reports: readonly ExecutionUpdate[], shown: readonly DeskOrder[]): boolean {
    const at = this.now();
    let unseen = false;
    for (const r of reports) {
      const closed = CLOSED.has(r.orderStatus ?? '') || CLOSED.has(r.execType ?? '');
      const previous = this.held.get(r.orderId);
      const patch = { ...(previous?.patch ?? {}), ...patchOf(r) };
      this.held.set(r.orderId, { at, closed: closed || (previous?.closed ?? false), patch });
      if (!closed && !shown.some((o) => o.txid === r.orderId)) unseen = true;
    }
    return unseen;
  }

  /** `orders` with closed ones removed and the newest reported fields laid over. */
  apply(orders: readonly DeskOrder[]): DeskOrder[] {
    const cutoff = this.now() - HOLD_MS;
    for (const [id, held] of this.held) if (held.at < cutoff) this.held.delete(id);
    const out: DeskOrder[] = [];
    for (const order of orders) {
      const held = this.held.get(order.txid);
      if (!held) out.push(order);
      else if (!held.closed) out.push(merge(order, held.patch));
    }
    return out;
  }
}

function patchOf(r: ExecutionUpdate): Held['patch'] {
  const patch: Held['patch'] = {};
  const status = reportedOrderStatus(r.orderStatus);
  if (status === 'open' || status === 'pending') patch.status = status;
  if (r.orderQty !== undefined && r.orderType !== 'market') patch.volume = r.orderQty;
  if (r.cumQty !== undefined) patch.volumeExecuted = r.cumQty;
  if (r.cumCost !== undefined) patch.cost = r.cumCost;
  if (r.avgPrice !== undefined && isDecimalText(r.avgPrice) && !isZeroText(r.avgPrice)) patch.avgPrice = r.avgPrice;
  if (r.limitPrice !== undefined && PRICED_BY_LIMIT.has(r.orderType ?? '')) patch.price = r.limitPrice;
  return patch;
}

/** Filled quantity only grows: an older report never undoes a fill a newer list already shows. */
function merge(order: DeskOrder, patch: Held['patch']): DeskOrder {
  const listed = order.volumeExecuted;
  const newer = patch.volumeExecuted !== undefined && isDecimalText(listed) && isDecimalText(patch.volumeExecuted)
    && compareDecimal(listed, patch.volumeExecuted) > 0;
  return { ...order, ...patch, volumeExecuted: newer ? listed : (patch.volumeExecuted ?? listed) };
}
