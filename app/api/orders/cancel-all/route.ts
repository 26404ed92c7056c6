import { handler } from '@/lib/http/handler';
import { cancelAllSchema } from '@/lib/orders/ticket';

/** POST {confirm: true} cancels every open order (trader). */
export const POST = handler({ role: 'trader', mutation: true, body: cancelAllSchema }, ({ member, services }) =>
  services.orders.cancelAll(member));
