import * as z from 'zod/mini';
import { apiCall, type ApiResult } from './api-client';
import { deskOrderSchema, type DeskOrder } from '../desk-api/orders';
import { orderPreviewSchema, type OrderPreview } from '../desk-api/preview';
import type { AmendBody } from './amend';
import type { PlacedAnswer } from './place-outcome';
import type { Ticket } from '../orders/ticket';

/** Browser calls for the order path (POST/PATCH/DELETE under /api/orders). */

export async function previewOrder(body: Ticket): Promise<ApiResult<OrderPreview>> {
  const result = await apiCall('POST', '/api/orders/preview', z.object({ preview: orderPreviewSchema }), body);
  return result.ok ? { ...result, data: result.data.preview } : result;
}

/** POST /api/orders' 201 answer: the order, and its status right after placing (with Kraken's cancel reason). */
const placedSchema = z.object({
  order: z.optional(z.unknown()),
  status: z.optional(z.nullable(z.string())),
  reason: z.optional(z.nullable(z.string())),
  /** 202: above the four-eyes threshold, a pending approval request instead of an order */
  approval: z.optional(z.unknown()),
});
const orderReason = z.object({ reason: z.optional(z.nullable(z.string())) });

export interface Placed extends PlacedAnswer {
  /** `undefined` when the server's order has a shape this page does not know */
  order: DeskOrder | undefined;
  /** the raw approval request of a 202 answer (see lib/approvals/client.ts approvalFromAnswer) */
  approval?: unknown;
}

export async function submitOrder(body: Ticket): Promise<ApiResult<Placed>> {
  const result = await apiCall('POST', '/api/orders', placedSchema, body);
  if (!result.ok) return result;
  const parsed = deskOrderSchema.safeParse(result.data.order);
  const order = parsed.success ? parsed.data : undefined;
  const inner = orderReason.safeParse(result.data.order);
  return {
    ...result,
    data: {
      order,
      status: result.data.status ?? order?.status ?? undefined,
      reason: result.data.reason ?? (inner.success ? inner.data.reason : undefined) ?? undefined,
      filled: order?.volumeExecuted,
      ...(result.data.approval === undefined ? {} : { approval: result.data.approval }),
    },
  };
}

export function submitCancel(id: string): Promise<ApiResult<unknown>> {
  return apiCall('DELETE', `/api/orders/${encodeURIComponent(id)}`, z.unknown());
}

/** PATCH with only the changed fields; a 409 `confirmation_required` carries the preview, resend with `confirm: true`. */
export function submitAmend(id: string, change: AmendBody): Promise<ApiResult<unknown>> {
  return apiCall('PATCH', `/api/orders/${encodeURIComponent(id)}`, z.unknown(), change);
}

/** Every open order of the account in one answer (the server does not page them with `all=1`). */
export const OPEN_ORDERS_PATH = '/api/orders?status=open&all=1';

/** `cancelled`: how many orders Kraken cancelled. */
export function submitCancelAll(): Promise<ApiResult<{ cancelled?: number }>> {
  return apiCall('POST', '/api/orders/cancel-all', z.object({ cancelled: z.optional(z.number()) }), { confirm: true });
}

/** The server's preview inside a 409 confirmation_required answer, if it sent one. */
export function previewFromFailure(preview: unknown): OrderPreview | undefined {
  const parsed = orderPreviewSchema.safeParse(preview);
  return parsed.success ? parsed.data : undefined;
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
