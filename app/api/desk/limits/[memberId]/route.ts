import { AppError } from '@/lib/errors';
import { handler } from '@/lib/http/handler';
import { limitsSchema } from '@/lib/orders/desk-controls';
import { assertListedPairs } from '@/lib/orders/listed-pairs';

function memberIdOf(params: Record<string, string>): number {
  const text = params.memberId;
  if (!text || !/^\d{1,9}$/.test(text)) throw new AppError('invalid_member_id');
  return Number(text);
}

/** GET / PUT a member's limits (admin). */
export const GET = handler({ role: 'admin' }, async ({ params, services }) =>
  ({ limits: await services.orders.memberLimits(memberIdOf(params)) }));

export const PUT = handler({ role: 'admin', mutation: true, reauth: true, body: limitsSchema }, async ({ member, params, body, services }) => {
  await assertListedPairs(services.orders.market, body.allowedPairs);
  return { limits: await services.orders.setMemberLimits(member, memberIdOf(params), body) };
});
