import { HISTORY_ROUTES } from '@/lib/orders/history-routes';
import { API_ROUTES, apiRoute } from '@/lib/server/orders';

/**
 * GET ?status=open|closed &page=N|all=1 (viewer; closed orders filter by &symbol &side &from &to over all of them)
 * · POST a ticket (trader; Origin + JSON; idempotent by idempotencyKey).
 */
export const GET = apiRoute(HISTORY_ROUTES.listOrders);
export const POST = apiRoute(API_ROUTES.placeOrder);
