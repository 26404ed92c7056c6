import { API_ROUTES, apiRoute } from '@/lib/server/orders';

/** GET ?status=open|closed&page=N (viewer) · POST a ticket (trader; Origin + JSON; idempotent by idempotencyKey). */
export const GET = apiRoute(API_ROUTES.listOrders);
export const POST = apiRoute(API_ROUTES.placeOrder);
