import { API_ROUTES, apiRoute } from '@/lib/server/orders';

/** POST {frozen} (admin); freezing cancels every open order. */
export const POST = apiRoute(API_ROUTES.freeze);
