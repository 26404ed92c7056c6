import { APPROVAL_ROUTES } from '@/lib/approvals/routes';
import { apiRoute } from '@/lib/server/orders';

/** GET one approval request with its order's preview now (trader). */
export const GET = apiRoute(APPROVAL_ROUTES.get);
