import { API_ROUTES, apiRoute } from '@/lib/server/orders';

/** Impact preview + fat-finger verdict + Kraken validate=true dry run (trader); GET with query or POST a ticket. */
export const GET = apiRoute(API_ROUTES.previewGet);
export const POST = apiRoute(API_ROUTES.previewPost);
