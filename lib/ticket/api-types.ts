import { z } from 'zod';

/**
 * What the desk's JSON API answers, parsed leniently at the browser's trust boundary: unknown fields are
 * ignored and display-only fields are optional, so a table shows "—" rather than breaking.
 */

const text = z.union([z.string(), z.number()]).transform(String);
const optText = text.optional().nullable().transform((v) => v ?? undefined);

export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), preview: z.unknown().optional() }),
});

const dryRun = z.object({ ok: z.boolean(), description: z.string().optional(), message: z.string().optional() });

/** lib/orders/preview.ts OrderPreview, reduced to what the ticket shows. */
export const previewSchema = z
  .object({
    avgFillPrice: optText,
    slippageBps: optText,
    estimatedFee: optText,
    shareOfVisibleDepthPct: optText,
    notionalUsd: optText,
    validation: dryRun.optional(),
    confirmationRequired: z.boolean().default(false),
    confirmationReasons: z.array(z.string()).default([]),
  })
  .transform((p) => ({
    avgPrice: p.avgFillPrice,
    slippageBps: p.slippageBps,
    fee: p.estimatedFee,
    depthShare: p.shareOfVisibleDepthPct,
    notionalUsd: p.notionalUsd,
    validate: p.validation ? { ok: p.validation.ok, message: p.validation.ok ? p.validation.description : p.validation.message } : undefined,
    requiresConfirmation: p.confirmationRequired,
    reasons: p.confirmationReasons,
  }));
export type OrderPreview = z.output<typeof previewSchema>;

/** Unix seconds (number) or ISO text → ISO text. */
const time = z
  .union([z.number(), z.string()])
  .nullable()
  .optional()
  .transform((v) => (v === null || v === undefined ? undefined : typeof v === 'number' ? new Date(v * 1000).toISOString() : v));

/** lib/orders/order-view.ts DeskOrder. */
export const deskOrderSchema = z
  .object({
    txid: z.string(),
    clOrdId: optText,
    symbol: z.string().default(''),
    side: z.string().default(''),
    type: z.string().default(''),
    status: z.string().default(''),
    volume: optText,
    volumeExecuted: optText,
    price: optText,
    price2: optText,
    avgPrice: optText,
    cost: optText,
    fee: optText,
    openTime: time,
    closeTime: time,
    member: z.object({ id: z.number(), username: z.string() }).nullable().optional(),
    outsideDesk: z.boolean().optional(),
  })
  .transform((o) => ({
    id: o.txid,
    clOrdId: o.clOrdId,
    symbol: o.symbol,
    side: o.side,
    type: o.type,
    status: o.status,
    volume: o.volume,
    filled: o.volumeExecuted,
    price: o.price,
    price2: o.price2,
    avgPrice: o.avgPrice,
    cost: o.cost,
    fee: o.fee,
    openedAt: o.openTime,
    closedAt: o.closeTime,
    member: o.member?.username,
    // an order with no desk member behind it was placed elsewhere (Kraken's site, another tool)
    outsideDesk: o.outsideDesk ?? !o.member,
  }));
export type DeskOrder = z.output<typeof deskOrderSchema>;

/** lib/orders/reads.ts OrdersList. */
export const ordersPageSchema = z.object({
  orders: z.array(deskOrderSchema),
  page: z.number().default(0),
  pageSize: z.number().default(50),
  total: z.number().optional(),
});

/** lib/orders/reads.ts BalanceRow: holds are `holdTrade`; the server's own USD value is a fallback. */
export const balanceSchema = z
  .object({ asset: z.string(), balance: text, holdTrade: optText, hold: optText, available: optText, usdValue: optText })
  .transform((b) => ({ asset: b.asset, balance: b.balance, hold: b.holdTrade ?? b.hold ?? '0', available: b.available, usdValue: b.usdValue }));
export type DeskBalance = z.output<typeof balanceSchema>;

export const balancesResponseSchema = z.object({ balances: z.array(balanceSchema), totalUsd: optText, asOf: optText });

const unixSeconds = z.number().transform((s) => new Date(s * 1000).toISOString());

/** lib/orders/reads.ts DeskFill: one execution from TradesHistory, with the member whose order filled. */
export const fillSchema = z
  .object({
    tradeTxid: z.string(),
    orderTxid: z.string(),
    symbol: z.string(),
    side: z.string(),
    price: text,
    volume: text,
    cost: text,
    fee: text,
    time: unixSeconds,
    maker: z.boolean().nullable().optional(),
    member: z.object({ id: z.number(), username: z.string() }).nullable().optional(),
    outsideDesk: z.boolean().optional(),
  })
  .transform((f) => ({
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
  }));

/** lib/kraken LedgerEntry: every balance movement (trades, fees, deposits) with the resulting balance. */
export const ledgerSchema = z
  .object({ ledgerId: z.string(), refid: z.string(), time: unixSeconds, type: z.string(), asset: z.string(), amount: text, fee: text, balance: text })
  .transform((l) => ({ id: l.ledgerId, ref: l.refid, closedAt: l.time, type: l.type, asset: l.asset, amount: l.amount, fee: l.fee, balance: l.balance }));

/** `{rows, page, pageSize, total}` pages of /api/orders/fills and /api/orders/ledger. */
export const rowsPageSchema = <T extends z.ZodType>(row: T) =>
  z.object({ rows: z.array(row), page: z.number().default(0), pageSize: z.number().default(50), total: z.number().optional() });
