import { approvalId } from '@/lib/approvals/query';
import { handler } from '@/lib/http/handler';

/** GET one approval request; `?preview=1` adds its order previewed against the book now (trader). */
export const GET = handler({ role: 'trader' }, ({ req, member, params, services }) =>
  services.orders.approvals.get(member, approvalId(params.id), new URL(req.url).searchParams.get('preview') === '1'));
