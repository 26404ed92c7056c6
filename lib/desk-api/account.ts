import * as z from 'zod/mini';

/**
 * The desk API's balances, fills and ledger shapes, defined once for server and browser (see ./orders.ts on
 * zod/mini). Decimal text, Unix seconds; the browser shows these fields under the names the server sends.
 */

const memberRef = z.object({ id: z.number(), username: z.string() });

/** GET /api/balances: one asset of the account. */
export const balanceRowSchema = z.object({
  asset: z.string(),
  balance: z.string(),
  /** held by open orders */
  holdTrade: z.string(),
  available: z.string(),
  /** absent when no USD price is known for the asset */
  usdValue: z.optional(z.string()),
});
export type BalanceRow = z.infer<typeof balanceRowSchema>;

export const accountBalancesSchema = z.object({
  balances: z.array(balanceRowSchema),
  totalUsd: z.string(),
  /** ISO time of the Kraken read this answer is based on */
  asOf: z.string(),
});
export type AccountBalances = z.infer<typeof accountBalancesSchema>;

/** GET /api/orders/fills: one fill (Kraken trade) with the member whose order it filled. */
export const deskFillSchema = z.object({
  tradeTxid: z.string(),
  orderTxid: z.string(),
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  orderType: z.string(),
  price: z.string(),
  volume: z.string(),
  cost: z.string(),
  fee: z.string(),
  /** Unix seconds */
  time: z.number(),
  maker: z.nullable(z.boolean()),
  member: z.nullable(memberRef),
  outsideDesk: z.boolean(),
});
export type DeskFill = z.infer<typeof deskFillSchema>;

/** GET /api/orders/ledger: one balance movement (lib/kraken LedgerEntry). */
export const ledgerEntrySchema = z.object({
  ledgerId: z.string(),
  refid: z.string(),
  time: z.number(),
  type: z.string(),
  subtype: z.string(),
  aclass: z.string(),
  assetId: z.string(),
  asset: z.string(),
  /** signed */
  amount: z.string(),
  fee: z.string(),
  /** the resulting balance */
  balance: z.string(),
});

/** `{rows, page, pageSize, total, complete}` pages of fills and the ledger. */
export const pagedSchema = <T extends z.ZodMiniType>(row: T) =>
  z.object({
    rows: z.array(row),
    page: z.number(),
    pageSize: z.number(),
    /** rows that match the filter (no filter: all of them) */
    total: z.number(),
    /** false when a filtered answer stopped at the scan bound before the oldest row */
    complete: z.boolean(),
  });
export interface Paged<T> {
  rows: T[];
  page: number;
  pageSize: number;
  total: number;
  complete: boolean;
}

/** Maker or taker for a fill, as tables say it ('' when Kraken did not say). */
export function liquidityOf(fill: Pick<DeskFill, 'maker'>): 'maker' | 'taker' | '' {
  return fill.maker === true ? 'maker' : fill.maker === false ? 'taker' : '';
}
