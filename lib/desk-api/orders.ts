import * as z from 'zod/mini';

/**
 * The desk API's order shapes, defined once for the server that builds them and the browser that reads them.
 * zod/mini and no server imports, because this ships to the browser (the chained zod API costs ~45 KB gzip of
 * first-load JavaScript). The server only uses the inferred types; the browser parses with the schemas, field
 * names as the server sends them.
 */

/** The order types a member may place from the desk (Kraken's, without the margin-only settle-position), in menu order. */
export const ORDER_TYPES = [
  'market',
  'limit',
  'stop-loss',
  'take-profit',
  'stop-loss-limit',
  'take-profit-limit',
  'trailing-stop',
  'trailing-stop-limit',
  'iceberg',
] as const;
export type OrderType = (typeof ORDER_TYPES)[number];

export type TimeInForce = 'GTC' | 'IOC' | 'GTD';

/** Kraken's order statuses, and `submitted` right after placement before Kraken reported one. */
export const DESK_ORDER_STATUSES = ['pending', 'open', 'closed', 'canceled', 'expired', 'submitted'] as const;

const memberRef = z.object({ id: z.number(), username: z.string() });
export type MemberRef = z.infer<typeof memberRef>;

/** An order as the desk API shows it: Kraken's state plus who placed it. Decimal text, Unix seconds. */
export const deskOrderSchema = z.object({
  txid: z.string(),
  clOrdId: z.nullable(z.string()),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  /** Kraken's order type (any of Kraken's, for orders placed outside the desk) */
  type: z.string(),
  status: z.enum(DESK_ORDER_STATUSES),
  volume: z.string(),
  volumeExecuted: z.string(),
  price: z.nullable(z.string()),
  price2: z.nullable(z.string()),
  avgPrice: z.nullable(z.string()),
  cost: z.nullable(z.string()),
  fee: z.nullable(z.string()),
  openTime: z.nullable(z.number()),
  closeTime: z.nullable(z.number()),
  description: z.string(),
  /** the member who placed it through the desk; null for orders placed outside the desk */
  member: z.nullable(memberRef),
  /** the second member who approved it (four eyes); absent when no approval was needed */
  approvedBy: z.optional(memberRef),
  /** true when the account holds the order but the desk has no record of placing it */
  outsideDesk: z.boolean(),
  /** Kraken's reason when the order was cancelled or expired, e.g. `Immediate or cancel`, `Post only order` */
  reason: z.optional(z.string()),
  /** true when Kraken's answer was lost and the order was found by cl_ord_id */
  resolvedByLookup: z.optional(z.boolean()),
});
export type DeskOrder = z.infer<typeof deskOrderSchema>;

/** GET /api/orders: one page of open or closed orders. */
export const ordersListSchema = z.object({
  status: z.enum(['open', 'closed']),
  orders: z.array(deskOrderSchema),
  /** zero-based page */
  page: z.number(),
  pageSize: z.number(),
  /** all orders of this status on the account (closed: that match the filter) */
  total: z.number(),
  /** false when a filtered answer stopped at the scan bound before the oldest order */
  complete: z.optional(z.boolean()),
});
export type OrdersList = z.infer<typeof ordersListSchema>;

/** Who placed an order, as tables and chart marks say it. */
export function placedByName(order: Pick<DeskOrder, 'member' | 'outsideDesk'>): string {
  return order.outsideDesk || !order.member ? 'outside the desk' : order.member.username;
}
