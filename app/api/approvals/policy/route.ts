import { policySchema } from '@/lib/approvals/policy';
import { handler } from '@/lib/http/handler';

/** GET the four-eyes policy in force (any member: the ticket explains it) · PUT a new one (admin; audited). */
export const GET = handler({ role: 'viewer' }, async ({ services }) => ({ policy: await services.orders.approvals.policy() }));

export const PUT = handler({ role: 'admin', mutation: true, reauth: true, body: policySchema }, async ({ member, body, services }) =>
  ({ policy: await services.orders.approvals.setPolicy(member, body) }));
