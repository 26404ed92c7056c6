import * as z from 'zod/mini';

/** The order preview the desk API answers, defined once for server and browser (see ./orders.ts on zod/mini). */

/** Kraken's own `validate=true` dry run of the exact order. */
const dryRunSchema = z.union([
  z.object({ ok: z.literal(true), description: z.string() }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);
export type DryRun = z.infer<typeof dryRunSchema>;

/** The desk's own checks (frozen desk, pair rules, the member's limits) as placing would run them. */
const deskCheckSchema = z.union([
  z.object({ ok: z.literal(true) }),
  z.object({ ok: z.literal(false), code: z.string(), message: z.string() }),
]);

/** What the ticket would do, computed on the server from the live book (impact, fees, desk checks). Decimal text. */
export const orderPreviewSchema = z.object({
  symbol: z.string(),
  side: z.enum(['buy', 'sell']),
  type: z.string(),
  volume: z.string(),
  quote: z.string(),
  /** `live` hub book, `rest` Depth snapshot, `unavailable` when no book could be read */
  bookSource: z.enum(['live', 'rest', 'unavailable']),
  bestPrice: z.optional(z.string()),
  avgFillPrice: z.optional(z.string()),
  filledVolume: z.optional(z.string()),
  slippageBps: z.optional(z.string()),
  /** quote value of the order */
  notional: z.optional(z.string()),
  notionalUsd: z.optional(z.string()),
  /** quote-currency fee estimate */
  estimatedFee: z.optional(z.string()),
  shareOfVisibleDepthPct: z.optional(z.string()),
  fullyFillable: z.boolean(),
  /** true when the server will refuse the order without `confirm: true` */
  confirmationRequired: z.boolean(),
  /** sentences saying why confirmation is required */
  confirmationReasons: z.array(z.string()),
  thresholds: z.object({ slippageBps: z.string(), notionalUsd: z.string() }),
  /** Kraken's error code when the book or the USD rate could not be read (e.g. `network_error`) */
  marketError: z.optional(z.string()),
  /** present when the preview asked Kraken (POST/GET /api/orders/preview) */
  validation: z.optional(dryRunSchema),
  /** four eyes: true when placing this order will wait for a second member's approval (lib/approvals) */
  needsApproval: z.optional(z.boolean()),
  /** the approval threshold (USD) the order crosses, when it needs approval */
  approvalAboveUsd: z.optional(z.string()),
  deskCheck: z.optional(deskCheckSchema),
});
export type OrderPreview = z.infer<typeof orderPreviewSchema>;
