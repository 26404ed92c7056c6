import { API_ROUTES, apiRoute } from '@/lib/server/orders';

/** GET ?format=json|csv&limit&before&verify=1 (admin). */
export const GET = apiRoute(API_ROUTES.audit);
