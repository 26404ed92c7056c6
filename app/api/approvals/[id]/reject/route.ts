import { APPROVAL_ROUTES } from '@/lib/approvals/routes';
import { apiRoute } from '@/lib/server/orders';

/** POST `{ reason }`: a second member rejects the request; nothing is placed (trader; never the requester). */
export const POST = apiRoute(APPROVAL_ROUTES.reject);
