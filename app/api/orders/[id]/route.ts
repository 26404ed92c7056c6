import { API_ROUTES, apiRoute } from '@/lib/server/orders';

/** DELETE cancels, PATCH amends price/size in place; {id} is a txid or the ticket's UUID (trader). */
export const DELETE = apiRoute(API_ROUTES.cancelOrder);
export const PATCH = apiRoute(API_ROUTES.amendOrder);
