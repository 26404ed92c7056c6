import { approvalId } from '@/lib/approvals/query';
import { approveSchema } from '@/lib/approvals/service';
import { handler } from '@/lib/http/handler';

/** POST `{ confirm? }`: a second member approves; every check runs again, then the order is placed for the requester (trader; never the requester). */
export const POST = handler({ role: 'trader', mutation: true, reauth: true, body: approveSchema }, ({ member, params, body, services }) =>
  services.orders.approvals.approve(member, approvalId(params.id), body));
