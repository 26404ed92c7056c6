import { API_ROUTES, apiRoute } from '@/lib/server/orders';

/** PUT {confirmSlippageBps?, confirmNotionalUsd?} (admin). */
export const PUT = apiRoute(API_ROUTES.thresholds);
