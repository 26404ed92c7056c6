import { API_ROUTES, apiRoute } from '@/lib/server/orders';

/** POST {confirm: true} cancels every open order (trader). */
export const POST = apiRoute(API_ROUTES.cancelAll);
