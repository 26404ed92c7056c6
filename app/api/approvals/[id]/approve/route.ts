import { APPROVAL_ROUTES } from '@/lib/approvals/routes';
import { apiRoute } from '@/lib/server/orders';

/** POST `{ confirm? }`: a second member approves; the order is placed for the requester (trader; never the requester). */
export const POST = apiRoute(APPROVAL_ROUTES.approve);
