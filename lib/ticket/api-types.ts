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

export const previewSchema = z.object({
  avgPrice: optText,
  slippageBps: optText,
  fee: optText,
  depthShare: optText,
  validate: z.object({ ok: z.boolean(), message: z.string().optional().nullable() }).optional(),
  requiresConfirmation: z.boolean().default(false),
  reasons: z.array(z.string()).default([]),
});
export type OrderPreview = z.infer<typeof previewSchema>;

const memberRef = z
  .union([z.object({ id: z.number().optional(), username: z.string() }), z.string()])
  .optional()
  .nullable();

export const deskOrderSchema = z
  .object({
    id: text,
    clOrdId: optText,
    symbol: z.string().optional(),
    pair: z.string().optional(),
    side: z.string().default(''),
    type: z.string().default(''),
    status: z.string().default(''),
    volume: optText,
    filled: optText,
    volumeExecuted: optText,
    price: optText,
    price2: optText,
    avgPrice: optText,
    cost: optText,
    fee: optText,
    openedAt: optText,
    createdAt: optText,
    closedAt: optText,
    member: memberRef,
    memberName: z.string().optional().nullable(),
    username: z.string().optional().nullable(),
    outsideDesk: z.boolean().optional(),
  })
  .transform((o) => ({
    id: o.id,
    clOrdId: o.clOrdId,
    symbol: o.symbol ?? o.pair ?? '',
    side: o.side,
    type: o.type,
    status: o.status,
    volume: o.volume,
    filled: o.filled ?? o.volumeExecuted,
    price: o.price,
    price2: o.price2,
    avgPrice: o.avgPrice,
    cost: o.cost,
    fee: o.fee,
    openedAt: o.openedAt ?? o.createdAt,
    closedAt: o.closedAt,
    member: typeof o.member === 'string' ? o.member : (o.member?.username ?? o.memberName ?? o.username ?? undefined),
    // an order with no desk member behind it was placed elsewhere (Kraken's site, another tool)
    outsideDesk: o.outsideDesk ?? (o.member == null && o.memberName == null && o.username == null),
  }));
export type DeskOrder = z.output<typeof deskOrderSchema>;

export const ordersPageSchema = z.object({
  orders: z.array(deskOrderSchema),
  total: z.number().optional(),
  offset: z.number().optional(),
  count: z.number().optional(),
});

export const balanceSchema = z
  .object({
    asset: z.string(),
    balance: text,
    hold: optText,
    holdTrade: optText,
    available: optText,
  })
  .transform((b) => ({ asset: b.asset, balance: b.balance, hold: b.hold ?? b.holdTrade ?? '0', available: b.available }));
export type DeskBalance = z.output<typeof balanceSchema>;

/** `{balances: [...]}` or an asset-keyed object `{balances: {USD: {balance, hold}}}`. */
export const balancesResponseSchema = z.object({
  balances: z.union([
    z.array(balanceSchema),
    z.record(z.string(), z.union([text, z.object({ balance: text, hold: optText, holdTrade: optText, available: optText })])).transform((rec) =>
      Object.entries(rec).map(([asset, v]) =>
        balanceSchema.parse(typeof v === 'string' ? { asset, balance: v } : { asset, ...v }),
      ),
    ),
  ]),
});
