import * as z from 'zod/mini';
import { apiCall, type ApiResult } from '../account-client/api-client';
import { orderPreviewSchema } from '../desk-api/preview';
import { polledResource } from '../account-client/polled-resource';

/**
 * The browser's side of four eyes: GET/POST under /api/approvals, parsed at the trust boundary (zod/mini: this
 * ships to the browser). The pending list is one shared, self-refreshing read for the header badge and the panel.
 */

const who = z.object({ id: z.number(), username: z.string() });
const preview = z.pipe(z.unknown(), z.transform((value) => {
  const parsed = orderPreviewSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}));

export const approvalSchema = z.object({
  id: z.number(),
  kind: z.string(),
  status: z.string(),
  symbol: z.string(),
  requester: who,
  approver: z.nullable(who),
  notionalUsd: z.string(),
  thresholdUsd: z.string(),
  ticket: z.unknown(),
  preview,
  reason: z.nullable(z.string()),
  createdAt: z.string(),
  expiresAt: z.string(),
  decidedAt: z.nullable(z.string()),
  canDecide: z.optional(z.boolean()),
});
export type Approval = z.output<typeof approvalSchema>;

const listSchema = z.object({ approvals: z.array(approvalSchema), canApprove: z.boolean() });
export type ApprovalList = z.output<typeof listSchema>;

/** The statuses after which nothing changes any more. */
export const FINAL_STATUSES = new Set(['placed', 'rejected', 'expired', 'failed']);

/** The pending requests (each with `canDecide`), re-read every 2 s while someone shows them and the tab is visible. */
export const pendingApprovals = polledResource(() => apiCall('GET', '/api/approvals?status=pending', listSchema), 2000);

/** One request; `withPreview` adds its order previewed against the book now (for the approver). */
export function getApproval(id: number, withPreview = false) {
  return apiCall('GET', `/api/approvals/${id}${withPreview ? '?preview=1' : ''}`, z.object({ approval: approvalSchema, previewNow: z.nullable(preview), previewError: z.optional(z.string()) }));
}

export async function approveRequest(id: number, confirm = false): Promise<ApiResult<Approval>> {
  const result = await apiCall('POST', `/api/approvals/${id}/approve`, z.object({ approval: approvalSchema }), confirm ? { confirm: true } : {});
  return result.ok ? { ...result, data: result.data.approval } : result;
}

export async function rejectRequest(id: number, reason: string): Promise<ApiResult<Approval>> {
  const result = await apiCall('POST', `/api/approvals/${id}/reject`, z.object({ approval: approvalSchema }), { reason });
  return result.ok ? { ...result, data: result.data.approval } : result;
}

/** The approval in a 202 answer of POST /api/orders or PATCH /api/orders/{id}, if that is what it was. */
export function approvalFromAnswer(answer: unknown): Approval | undefined {
  const parsed = z.object({ approval: approvalSchema }).safeParse(answer);
  return parsed.success ? parsed.data.approval : undefined;
}

/** The ticket of a request in words: "buy 0.05 BTC/USD limit @ 61000.0". */
export function describeRequest(approval: Approval): string {
  const t = approval.ticket as { side?: string; volume?: string; type?: string; price?: string; orderId?: string; amend?: Record<string, string> };
  if (approval.kind === 'amend') {
    const changes = Object.entries(t.amend ?? {}).filter(([k]) => k !== 'confirm').map(([k, v]) => `${k} ${v}`).join(', ');
    return `amend ${t.orderId ?? ''} on ${approval.symbol}: ${changes}`;
  }
  return `${t.side ?? ''} ${t.volume ?? ''} ${approval.symbol} ${t.type ?? ''}${t.price ? ` @ ${t.price}` : ''}`.replace(/\s+/g, ' ').trim();
}
