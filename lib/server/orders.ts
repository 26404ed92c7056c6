import 'server-only';
import { z } from 'zod';
import { deskServices } from '@/lib/desk-services';
import { AppError } from '@/lib/errors';
import { requireRecentAuth } from '@/lib/auth/reauth';
import { createOriginPolicy } from '@/lib/origin';
import { handleRoute, runAction, type ActionResult, type RouteSpec } from '@/lib/orders/http';
import { API_ROUTES, type ApiServices } from '@/lib/orders/routes';
import { createOrderService, type OrderService } from '@/lib/orders/service';
import { amendSchema, cancelAllSchema, ticketSchema } from '@/lib/orders/ticket';
import { deadManSchema, freezeSchema, limitsSchema, thresholdsSchema } from '@/lib/orders/desk-controls';
import type { DeskOrder } from '@/lib/orders/order-view';
import type { OrderPreview } from '@/lib/orders/preview';
import type { OrdersList } from '@/lib/orders/reads';
import type { DeskSettings, MemberLimits } from '@/lib/db';
import { currentMember } from './session';
import { actionGate, recordRefusal } from './with-member';

export type { ActionResult } from '@/lib/orders/http';

// One service per process (single-flight maps and read caches must be shared by every request and bundle).
const KEY = Symbol.for('kraken-desk.order-service');

/** The process-wide order service over the desk's database, Kraken client and hub. */
export function orderService(): OrderService {
  const holder = globalThis as typeof globalThis & { [KEY]?: OrderService };
  if (!holder[KEY]) {
    const { db, kraken, hub, env } = deskServices();
    holder[KEY] = createOrderService({
      db,
      kraken,
      bookSnapshot: hub.bookSnapshot ? (symbol, depth) => hub.bookSnapshot?.(symbol, depth) : undefined,
      onAccountUpdate: hub.onAccountUpdate ? (listener) => hub.onAccountUpdate?.(listener) ?? (() => undefined) : undefined,
      tradingRate: { tier: env.KRAKEN_TIER },
    });
  }
  return holder[KEY];
}

let originPolicy: ((origin: string | null) => boolean) | undefined;

function apiServices(): ApiServices {
  return { orders: orderService(), db: deskServices().db };
}

/** Binds an API_ROUTES entry as a Next route handler: Origin check for mutations, then the withMember core. */
export function apiRoute<Body, Params>(spec: RouteSpec<Body, Params, ApiServices>) {
  return async (req: Request, ctx: { params: Promise<Params> }): Promise<Response> => {
    originPolicy ??= createOriginPolicy(deskServices().env);
    return handleRoute(spec, req, await ctx.params, { currentMember, isAllowedOrigin: originPolicy, service: apiServices, refused: recordRefusal });
  };
}

export { API_ROUTES };

// Server-action entry points: same checks as the API, results as values for forms and toasts.

/** Places the ticket for the signed-in trader. `error.code === 'confirmation_required'` carries `preview`. */
export function placeOrderAction(input: unknown): Promise<ActionResult<{ order: DeskOrder; replayed: boolean }>> {
  return runAction(actionGate, 'trader', ticketSchema, input, async (member, ticket) => {
    const result = await orderService().place(member, ticket);
    if ('error' in result.body) throw new AppError(result.body.error.code, result.status, result.body.error.message);
    return { order: result.body.order, replayed: result.replayed };
  });
}

const previewInput = z.record(z.string(), z.unknown());

/** Preview (impact, fee, fat-finger verdict, Kraken dry run) for a ticket; idempotencyKey may be omitted. */
export function previewOrderAction(input: unknown): Promise<ActionResult<OrderPreview>> {
  return runAction(actionGate, 'trader', previewInput, input, async (member, body) =>
    orderService().preview(member, ticketSchema.parse({ idempotencyKey: crypto.randomUUID(), ...body })));
}

export function cancelOrderAction(id: string): Promise<ActionResult<{ cancelled: number; pending: boolean }>> {
  return runAction(actionGate, 'trader', z.string().max(64), id, (member, orderId) => orderService().cancel(member, orderId));
}

/** Needs `{ confirm: true }`. */
export function cancelAllAction(input: unknown): Promise<ActionResult<{ cancelled: number }>> {
  return runAction(actionGate, 'trader', cancelAllSchema, input, (member) => orderService().cancelAll(member));
}

export function amendOrderAction(id: string, input: unknown): Promise<ActionResult<{ amendId: string; txid: string }>> {
  return runAction(actionGate, 'trader', amendSchema, input, (member, amend) => orderService().amend(member, id, amend));
}

export function listOrdersAction(status: 'open' | 'closed', page = 0): Promise<ActionResult<OrdersList>> {
  return runAction(actionGate, 'viewer', z.object({ status: z.enum(['open', 'closed']), page: z.number().int().min(0) }), { status, page },
    (_member, q) => orderService().orders(q.status, q.page));
}

export function deskSettingsAction(): Promise<ActionResult<DeskSettings>> {
  return runAction(actionGate, 'viewer', z.undefined(), undefined, () => orderService().deskSettings());
}

/** Admin: `{ frozen: boolean }`; freezing also cancels every open order. */
export function freezeDeskAction(input: unknown) {
  return runAction(actionGate, 'admin', freezeSchema, input, (member, body) => {
    requireRecentAuth(member);
    return orderService().freeze(member, body.frozen);
  });
}

/** Admin: `{ enabled: boolean }`. */
export function deadManSwitchAction(input: unknown) {
  return runAction(actionGate, 'admin', deadManSchema, input, (member, body) => {
    requireRecentAuth(member);
    return orderService().deadManSwitch(member, body.enabled);
  });
}

/** Admin: `{ confirmSlippageBps?, confirmNotionalUsd? }` as decimal text. */
export function thresholdsAction(input: unknown) {
  return runAction(actionGate, 'admin', thresholdsSchema, input, (member, body) => {
    requireRecentAuth(member);
    return orderService().thresholds(member, body);
  });
}

export function memberLimitsAction(memberId: number): Promise<ActionResult<MemberLimits>> {
  return runAction(actionGate, 'admin', z.number().int().positive(), memberId, (_member, id) => orderService().memberLimits(id));
}

/** Admin: `{ maxOrderUsd, maxDayUsd, allowedPairs, allowedTypes }` (null = no limit). Audited. */
export function setMemberLimitsAction(memberId: number, input: unknown): Promise<ActionResult<MemberLimits>> {
  return runAction(actionGate, 'admin', limitsSchema, input, (member, limits) => {
    requireRecentAuth(member);
    return orderService().setMemberLimits(member, memberId, limits);
  });
}
