import { API_ROUTES, apiRoute } from '@/lib/server/orders';

/** GET / PUT a member's limits (admin). */
export const GET = apiRoute(API_ROUTES.getLimits);
export const PUT = apiRoute(API_ROUTES.setLimits);
