import * as z from 'zod/mini';
import { apiCall, type ApiResult } from './api-client';
import { deskOrderSchema, previewSchema, type DeskOrder, type OrderPreview } from './api-types';
import type { OrderRequestBody } from './types';

/** Browser calls for the order path (POST/PATCH/DELETE under /api/orders). */

export async function previewOrder(body: OrderRequestBody): Promise<ApiResult<OrderPreview>> {
  const result = await apiCall('POST', '/api/orders/preview', z.object({ preview: previewSchema }), body);
  return result.ok ? { ...result, data: result.data.preview } : result;
}

/** The placed order, or `undefined` when the server's answer has a shape this page does not know. */
export async function placeOrder(body: OrderRequestBody): Promise<ApiResult<DeskOrder | undefined>> {
  const result = await apiCall('POST', '/api/orders', z.object({ order: z.unknown() }), body);
  if (!result.ok) return result;
  const order = deskOrderSchema.safeParse(result.data.order);
  return { ...result, data: order.success ? order.data : undefined };
}

export function cancelOrder(id: string): Promise<ApiResult<unknown>> {
  return apiCall('DELETE', `/api/orders/${encodeURIComponent(id)}`, z.unknown());
}

export function amendOrder(id: string, change: { price?: string; volume?: string }): Promise<ApiResult<unknown>> {
  return apiCall('PATCH', `/api/orders/${encodeURIComponent(id)}`, z.unknown(), change);
}

export function cancelAllOrders(): Promise<ApiResult<unknown>> {
  return apiCall('POST', '/api/orders/cancel-all', z.unknown(), { confirm: true });
}

/** The server's preview inside a 409 confirmation_required answer, if it sent one. */
export function previewFromFailure(preview: unknown): OrderPreview | undefined {
  const parsed = previewSchema.safeParse(preview);
  return parsed.success ? parsed.data : undefined;
}

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}
