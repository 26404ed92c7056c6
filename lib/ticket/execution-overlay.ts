import * as z from 'zod/mini';
import { compareDecimal, isDecimalText, isZeroText } from '@/lib/decimal';
import type { DeskOrder } from './api-types';

/**
 * Applies the private executions feed to the open-orders list the moment a frame arrives. The list itself
 * comes from the desk's API (it knows which member placed each order), and the server caches that read,
 * so a read can be older than the frames already seen: each order's latest report is
 * kept for HOLD_MS and laid over every list until the API has certainly caught up. An order the list has
 * never shown needs the API anyway (for its member), so `record` says when to read again.
 */

/** Well past the server's reload after a reported change (about a second: AccountReads.accountChanged) plus a slow answer. */
const HOLD_MS = 10_000;

const decimal = z.pipe(z.union([z.string(), z.number()]), z.transform((v) => String(v)));
const report = z.object({
  order_id: z.string(),
  order_type: z.optional(z.string()),
  exec_type: z.optional(z.string()),
  order_status: z.optional(z.string()),
  order_qty: z.optional(decimal),
  cum_qty: z.optional(decimal),
  cum_cost: z.optional(decimal),
  avg_price: z.optional(decimal),
  limit_price: z.optional(decimal),
});
export type ExecutionReport = z.output<typeof report>;

/** The rows of one executions frame that name an order; rows of other shapes are left out. */
export function executionReports(data: unknown): ExecutionReport[] {
  if (!Array.isArray(data)) return [];
  return data.flatMap((row) => {
    const parsed = report.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}

const CLOSED = new Set(['filled', 'canceled', 'expired']);
/** Order types whose v2 `limit_price` is the price the desk's list shows (REST `descr.price`). */
const PRICED_BY_LIMIT = new Set(['limit', 'iceberg']);

interface Held {
  at: number;
  closed: boolean;
  patch: Partial<Pick<DeskOrder, 'status' | 'volume' | 'filled' | 'cost' | 'avgPrice' | 'price'>>;
}

export class ExecutionOverlay {
  private readonly held = new Map<string, Held>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Keeps the reports; true when one is a live order `shown` does not contain. */
  record(reports: readonly ExecutionReport[], shown: readonly DeskOrder[]): boolean {
    const at = this.now();
    let unseen = false;
    for (const r of reports) {
      const closed = CLOSED.has(r.order_status ?? '') || CLOSED.has(r.exec_type ?? '');
      const previous = this.held.get(r.order_id);
      const patch = { ...(previous?.patch ?? {}), ...patchOf(r) };
      this.held.set(r.order_id, { at, closed: closed || (previous?.closed ?? false), patch });
      if (!closed && !shown.some((o) => o.id === r.order_id)) unseen = true;
    }
    return unseen;
  }

  /** `orders` with closed ones removed and the newest reported fields laid over. */
  apply(orders: readonly DeskOrder[]): DeskOrder[] {
    const cutoff = this.now() - HOLD_MS;
    for (const [id, held] of this.held) if (held.at < cutoff) this.held.delete(id);
    const out: DeskOrder[] = [];
    for (const order of orders) {
      const held = this.held.get(order.id);
      if (!held) out.push(order);
      else if (!held.closed) out.push(merge(order, held.patch));
    }
    return out;
  }
}

function patchOf(r: ExecutionReport): Held['patch'] {
  const patch: Held['patch'] = {};
  if (r.order_status === 'new' || r.order_status === 'partially_filled') patch.status = 'open';
  else if (r.order_status === 'pending_new') patch.status = 'pending';
  if (r.order_qty !== undefined && r.order_type !== 'market') patch.volume = r.order_qty;
  if (r.cum_qty !== undefined) patch.filled = r.cum_qty;
  if (r.cum_cost !== undefined) patch.cost = r.cum_cost;
  if (r.avg_price !== undefined && isDecimalText(r.avg_price) && !isZeroText(r.avg_price)) patch.avgPrice = r.avg_price;
  if (r.limit_price !== undefined && PRICED_BY_LIMIT.has(r.order_type ?? '')) patch.price = r.limit_price;
  return patch;
}

/** Filled quantity only grows: an older report never undoes a fill a newer list already shows. */
function merge(order: DeskOrder, patch: Held['patch']): DeskOrder {
  const listed = order.filled;
  const newer = listed !== undefined && patch.filled !== undefined && isDecimalText(listed) && isDecimalText(patch.filled)
    && compareDecimal(listed, patch.filled) > 0;
  return { ...order, ...patch, filled: newer ? listed : (patch.filled ?? listed) };
}
