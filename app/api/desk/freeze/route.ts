import { handler } from '@/lib/http/handler';
import { freezeSchema } from '@/lib/orders/desk-controls';

/** POST {frozen} (admin); freezing cancels every open order. */
export const POST = handler({ role: 'admin', mutation: true, reauth: true, body: freezeSchema }, ({ member, body, services }) =>
  services.orders.freeze(member, body.frozen));
