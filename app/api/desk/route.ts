import { API_ROUTES, apiRoute } from '@/lib/server/orders';

/** Desk settings: frozen, dead-man's switch, fat-finger thresholds (viewer). */
export const GET = apiRoute(API_ROUTES.deskState);
