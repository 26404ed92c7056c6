import { handler } from '@/lib/http/handler';
import { deadManSchema } from '@/lib/orders/desk-controls';

/** POST {enabled} (admin). */
export const POST = handler({ role: 'admin', mutation: true, reauth: true, body: deadManSchema }, ({ member, body, services }) =>
  services.orders.deadManSwitch(member, body.enabled));
