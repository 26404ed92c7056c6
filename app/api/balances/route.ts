import { API_ROUTES, apiRoute } from '@/lib/server/orders';

/** Balances, holds and USD values (viewer). */
export const GET = apiRoute(API_ROUTES.balances);
