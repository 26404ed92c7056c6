import { API_ROUTES, apiRoute } from '@/lib/server/orders';

/** POST {enabled} (admin). */
export const POST = apiRoute(API_ROUTES.deadMan);
