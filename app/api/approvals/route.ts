import { approvalStatusFilter } from '@/lib/approvals/query';
import { handler } from '@/lib/http/handler';

/** GET ?status=pending|approved|placed|rejected|expired|failed|all: four-eyes requests, newest first, each with `canDecide` (trader). */
export const GET = handler({ role: 'trader' }, ({ req, member, services }) =>
  services.orders.approvals.list(member, approvalStatusFilter(req)));
