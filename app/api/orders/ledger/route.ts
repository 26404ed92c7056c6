import { API_ROUTES, apiRoute } from '@/lib/server/orders';

/** GET ?page=N: ledger entries (viewer). */
export const GET = apiRoute(API_ROUTES.ledger);
