import { handler, jsonAnswer } from '@/lib/http/handler';
import { amendSchema } from '@/lib/orders/ticket';

/** DELETE cancels, PATCH amends price/size in place; {id} is a txid or the ticket's UUID (trader). */
export const DELETE = handler({ role: 'trader', mutation: true }, ({ member, params, services }) =>
  services.orders.cancel(member, params.id ?? ''));

/** An amend that raises the order's value above the four-eyes threshold answers 202 `{ approval }` and changes nothing yet. */
export const PATCH = handler({ role: 'trader', mutation: true, body: amendSchema }, async ({ member, params, body, services }) => {
  const result = await services.orders.amend(member, params.id ?? '', body);
  return jsonAnswer(result, { status: 'approval' in result ? 202 : 200 });
});
