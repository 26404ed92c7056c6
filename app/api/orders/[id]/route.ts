import { handler } from '@/lib/http/handler';
import { amendSchema } from '@/lib/orders/ticket';

/** DELETE cancels, PATCH amends price/size in place; {id} is a txid or the ticket's UUID (trader). */
export const DELETE = handler({ role: 'trader', mutation: true }, ({ member, params, services }) =>
  services.orders.cancel(member, params.id ?? ''));

export const PATCH = handler({ role: 'trader', mutation: true, body: amendSchema }, ({ member, params, body, services }) =>
  services.orders.amend(member, params.id ?? '', body));
