import * as z from 'zod/mini';

/**
 * What the desk's JSON API answers, parsed leniently at the browser's trust boundary: unknown fields are
 * ignored and display-only fields are optional, so a table shows "—" rather than breaking. zod/mini,
 * because this ships to the browser: the chained API costs ~45 KB gzip of first-load JavaScript.
 */

const text = z.pipe(z.union([z.string(), z.number()]), z.transform((v) => String(v)));
const optText = z.pipe(z.optional(z.nullable(text)), z.transform((v) => v ?? undefined));

export const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), preview: z.optional(z.unknown()) }),
});

const dryRun = z.object({ ok: z.boolean(), description: z.optional(z.string()), message: z.optional(z.string()) });
/** The desk's own checks (frozen desk, member limits, pair rules) as placing would run them. */
const deskCheck = z.object({ ok: z.boolean(), code: z.optional(z.string()), message: z.optional(z.string()) });

/** lib/orders/preview.ts OrderPreview, reduced to what the ticket shows. */
export const previewSchema = z.pipe(
  z.object({
    avgFillPrice: optText,
    slippageBps: optText,
    estimatedFee: optText,
    shareOfVisibleDepthPct: optText,
    notionalUsd: optText,
    validation: z.optional(dryRun),
    deskCheck: z.optional(deskCheck),
    confirmationRequired: z._default(z.boolean(), false),
    confirmationReasons: z._default(z.array(z.string()), []),
    needsApproval: z._default(z.boolean(), false),
    approvalAboveUsd: optText,
  }),
  z.transform((p) => ({
    avgPrice: p.avgFillPrice,
    slippageBps: p.slippageBps,
    fee: p.estimatedFee,
    depthShare: p.shareOfVisibleDepthPct,
    notionalUsd: p.notionalUsd,
    validate: p.validation ? { ok: p.validation.ok, message: p.validation.ok ? p.validation.description : p.validation.message } : undefined,
    desk: p.deskCheck ? { ok: p.deskCheck.ok, message: p.deskCheck.ok ? undefined : (p.deskCheck.message ?? 'The desk would refuse this order.') } : undefined,
    requiresConfirmation: p.confirmationRequired,
    reasons: p.confirmationReasons,
    ...(p.needsApproval ? { needsApproval: true, approvalAboveUsd: p.approvalAboveUsd } : {}),
  })),
);
export type OrderPreview = z.output<typeof previewSchema>;

/** Unix seconds (number) or ISO text → ISO text. */
const time = z.pipe(
  z.optional(z.nullable(z.union([z.number(), z.string()]))),
  z.transform((v) => (v === null || v === undefined ? undefined : typeof v === 'number' ? new Date(v * 1000).toISOString() : v)),
);

/** lib/orders/order-view.ts DeskOrder. */
export const deskOrderSchema = z.pipe(
  z.object({
    txid: z.string(),
    clOrdId: optText,
    symbol: z._default(z.string(), ''),
    side: z._default(z.string(), ''),
    type: z._default(z.string(), ''),
    status: z._default(z.string(), ''),
    volume: optText,
    volumeExecuted: optText,
    price: optText,
    price2: optText,
    avgPrice: optText,
    cost: optText,
    fee: optText,
    openTime: time,
    closeTime: time,
    member: z.optional(z.nullable(z.object({ id: z.number(), username: z.string() }))),
    outsideDesk: z.optional(z.boolean()),
    approvedBy: z.optional(z.nullable(z.object({ id: z.number(), username: z.string() }))),
  }),
  z.transform((o) => ({
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
    /** four eyes: the second member who approved it */
    ...(o.approvedBy ? { approvedBy: o.approvedBy.username } : {}),
    // an order with no desk member behind it was placed elsewhere (Kraken's site, another tool)
    outsideDesk: o.outsideDesk ?? !o.member,
  })),
);
export type DeskOrder = z.output<typeof deskOrderSchema>;

/** lib/orders/reads.ts OrdersList. */
export const ordersPageSchema = z.object({
  orders: z.array(deskOrderSchema),
  page: z._default(z.number(), 0),
  pageSize: z._default(z.number(), 50),
  total: z.optional(z.number()),
  complete: z._default(z.boolean(), true),
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
