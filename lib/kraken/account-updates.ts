/**
 * The private WS v2 feed's executions and balances rows as the desk's own types. Kraken's snake_case rows
 * (`order_id`, `exec_type`, `cum_qty`, `wallet_type`, asset ids such as `XXBT`) are read here and nowhere
 * else: the hub forwards these mapped rows, and the browser narrows the hub's frames with the schemas below
 * (the same shape, so nothing is renamed twice). Browser-safe: zod/mini only, no Node APIs.
 */
import * as z from 'zod/mini';
import type { BalanceEntry, ExecutionReport } from './ws-schemas';
import { assetIdToCode } from './symbols';

const text = z.string();
const optionalText = z.optional(text);

/** One order event from the executions channel: a state change, a fill (`execType: 'trade'`), an amend… */
export const executionUpdateSchema = z.object({
  orderId: text,
  clOrdId: optionalText,
  /** `new`, `trade`, `filled`, `canceled`, `expired`, `amended`, `restated`, `status`, `pending_new` */
  execType: optionalText,
  /** `pending_new`, `new`, `partially_filled`, `filled`, `canceled`, `expired` */
  orderStatus: optionalText,
  orderType: optionalText,
  symbol: optionalText,
  side: z.optional(z.enum(['buy', 'sell'])),
  /** decimal text, as the wire printed it */
  orderQty: optionalText,
  limitPrice: optionalText,
  cumQty: optionalText,
  cumCost: optionalText,
  avgPrice: optionalText,
  lastQty: optionalText,
  lastPrice: optionalText,
  execId: optionalText,
  timestamp: optionalText,
  /** Kraken's reason on a cancel or expiry (`cancel_reason`, else `reason`), e.g. `Immediate or cancel` */
  reason: optionalText,
  /** a fill's fees (`execType: 'trade'`), each in the asset Kraken charged it in (common code, e.g. `USD`) */
  fees: z.optional(z.array(z.object({ asset: text, qty: text }))),
});
export type ExecutionUpdate = z.output<typeof executionUpdateSchema>;

/** The statuses of the desk's order list that a report's `order_status` maps to. */
export type ReportedOrderStatus = 'pending' | 'open' | 'closed' | 'canceled' | 'expired';

const REPORTED_STATUS: Record<string, ReportedOrderStatus> = {
  pending_new: 'pending', new: 'open', partially_filled: 'open', filled: 'closed', canceled: 'canceled', expired: 'expired',
};

/** A report's `order_status` as the desk's order status (REST's words: a filled order is `closed`); undefined when absent or unknown. */
export function reportedOrderStatus(orderStatus: string | undefined): ReportedOrderStatus | undefined {
  return orderStatus === undefined ? undefined : REPORTED_STATUS[orderStatus];
}

/** One asset's new total in one wallet. `asset` is the common code (`XXBT` → `BTC`, `ZUSD` → `USD`). */
export const balanceUpdateSchema = z.object({
  asset: text,
  balance: text,
  /** Kraken's wallet type (`spot`, `earn`…); rows without one are spot */
  wallet: text,
});
export type BalanceUpdate = z.output<typeof balanceUpdateSchema>;

function defined<T extends object>(value: T): T {
  for (const key of Object.keys(value) as (keyof T)[]) if (value[key] === undefined) delete value[key];
  return value;
}

/** Executions rows that name an order, mapped; rows without an order id (none are sent today) are left out. */
export function toExecutionUpdates(rows: readonly ExecutionReport[]): ExecutionUpdate[] {
  return rows.flatMap((r) => {
    if (!r.order_id) return [];
    return [defined({
      orderId: r.order_id, clOrdId: r.cl_ord_id, execType: r.exec_type, orderStatus: r.order_status,
      orderType: r.order_type, symbol: r.symbol, side: r.side, orderQty: r.order_qty, limitPrice: r.limit_price,
      cumQty: r.cum_qty, cumCost: r.cum_cost, avgPrice: r.avg_price, lastQty: r.last_qty, lastPrice: r.last_price,
      execId: r.exec_id, timestamp: r.timestamp, reason: r.cancel_reason ?? r.reason,
      fees: r.fees?.map((fee) => ({ asset: assetIdToCode(fee.asset.toUpperCase()), qty: fee.qty })),
    })];
  });
}

/**
 * Balances rows, mapped. A snapshot row holds the asset's total and its wallets (one row per wallet here);
 * an update row holds one wallet's new total (`wallet_type`).
 */
export function toBalanceUpdates(rows: readonly BalanceEntry[]): BalanceUpdate[] {
  return rows.flatMap((r) => {
    const asset = assetIdToCode(r.asset.toUpperCase());
    if (r.wallets && r.wallets.length > 0) return r.wallets.map((w) => ({ asset, balance: w.balance, wallet: w.type }));
    if (r.balance === undefined) return [];
    const wallet = typeof r.wallet_type === 'string' ? r.wallet_type : 'spot';
    return [{ asset, balance: r.balance, wallet }];
  });
}

function rowsOf<T>(schema: z.ZodMiniType<T>, data: unknown): T[] {
  if (!Array.isArray(data)) return [];
  return data.flatMap((row) => {
    const parsed = schema.safeParse(row);
    return parsed.success ? [parsed.data] : [];
  });
}

/** The execution updates of a hub frame's `data`; rows of any other shape are left out. */
export function executionUpdatesOf(data: unknown): ExecutionUpdate[] {
  return rowsOf(executionUpdateSchema, data);
}

/** The balance updates of a hub frame's `data`; rows of any other shape are left out. */
export function balanceUpdatesOf(data: unknown): BalanceUpdate[] {
  return rowsOf(balanceUpdateSchema, data);
}
