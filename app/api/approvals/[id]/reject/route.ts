import { approvalId } from '@/lib/approvals/query';
import { rejectSchema } from '@/lib/approvals/service';
import { handler } from '@/lib/http/handler';

/** POST `{ reason }`: a second member rejects the request; nothing is placed (trader; never the requester). */
export const POST = handler({ role: 'trader', mutation: true, reauth: true, body: rejectSchema }, ({ member, params, body, services }) =>
  services.orders.approvals.reject(member, approvalId(params.id), body.reason));
