import * as z from 'zod/mini';

/**
 * What the desk's JSON API answers about balances, fills and the ledger, parsed leniently at the browser's
 * trust boundary: unknown fields are ignored and display-only fields are optional, so a table shows "—"
 * rather than breaking. Orders and previews are lib/desk-api (one definition for server and browser).
 * zod/mini, because this ships to the browser: the chained API costs ~45 KB gzip of first-load JavaScript.
 */

const text = z.pipe(z.union([z.string(), z.number()]), z.transform((v) => String(v)));
const optText = z.pipe(z.optional(z.nullable(text)), z.transform((v) => v ?? undefined));

export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), preview: z.optional(z.unknown()) }),
});

/** lib/orders/reads.ts BalanceRow: holds are `holdTrade`; the server's own USD value is a fallback. */
export const balanceSchema = z.pipe(
  z.object({ asset: z.string(), balance: text, holdTrade: optText, hold: optText, available: optText, usdValue: optText }),
  z.transform((b) => ({ asset: b.asset, balance: b.balance, hold: b.holdTrade ?? b.hold ?? '0', available: b.available, usdValue: b.usdValue })),
);
export type DeskBalance = z.output<typeof balanceSchema>;

export const balancesResponseSchema = z.object({ balances: z.array(balanceSchema), totalUsd: optText, asOf: optText });

const unixSeconds = z.pipe(z.number(), z.transform((s: number) => new Date(s * 1000).toISOString()));

/** lib/orders/reads.ts DeskFill: one execution from TradesHistory, with the member whose order filled. */
export const fillSchema = z.pipe(
  z.object({
    tradeTxid: z.string(),
    orderTxid: z.string(),
    symbol: z.string(),
    side: z.string(),
    price: text,
    volume: text,
    cost: text,
    fee: text,
    time: unixSeconds,
    maker: z.optional(z.nullable(z.boolean())),
    member: z.optional(z.nullable(z.object({ id: z.number(), username: z.string() }))),
    outsideDesk: z.optional(z.boolean()),
  }),
  z.transform((f) => ({
    id: f.tradeTxid,
    order: f.orderTxid,
    symbol: f.symbol,
    side: f.side,
    price: f.price,
    filled: f.volume,
    cost: f.cost,
    fee: f.fee,
    closedAt: f.time,
    liquidity: f.maker === true ? 'maker' : f.maker === false ? 'taker' : '',
    member: f.outsideDesk || !f.member ? 'outside the desk' : f.member.username,
  })),
);

/** lib/kraken LedgerEntry: every balance movement (trades, fees, deposits) with the resulting balance. */
export const ledgerSchema = z.pipe(
  z.object({ ledgerId: z.string(), refid: z.string(), time: unixSeconds, type: z.string(), asset: z.string(), amount: text, fee: text, balance: text }),
  z.transform((l) => ({ id: l.ledgerId, ref: l.refid, closedAt: l.time, type: l.type, asset: l.asset, amount: l.amount, fee: l.fee, balance: l.balance })),
);

/** `{rows, page, pageSize, total}` pages of /api/orders/fills and /api/orders/ledger. */
export const rowsPageSchema = <T extends z.ZodMiniType>(row: T) =>
  z.object({
    rows: z.array(row), page: z._default(z.number(), 0), pageSize: z._default(z.number(), 50), total: z.optional(z.number()),
    complete: z._default(z.boolean(), true),
  });
