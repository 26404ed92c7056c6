import { API_ROUTES, apiRoute } from '@/lib/server/orders';

/** GET ?page=N: fills (TradesHistory) with the member whose order filled (viewer). */
export const GET = apiRoute(API_ROUTES.fills);
