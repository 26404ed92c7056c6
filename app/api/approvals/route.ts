import { APPROVAL_ROUTES } from '@/lib/approvals/routes';
import { apiRoute } from '@/lib/server/orders';

/** GET ?status=pending|…|all: four-eyes approval requests, newest first, each with `canDecide` for the caller (trader). */
export const GET = apiRoute(APPROVAL_ROUTES.list);
