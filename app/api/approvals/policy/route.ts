import { APPROVAL_ROUTES } from '@/lib/approvals/routes';
import { apiRoute } from '@/lib/server/orders';

/** GET the four-eyes policy (viewer) · PUT a new one (admin; audited). */
export const GET = apiRoute(APPROVAL_ROUTES.getPolicy);
export const PUT = apiRoute(APPROVAL_ROUTES.setPolicy);
