import { handler } from '@/lib/http/handler';
import { thresholdsSchema } from '@/lib/orders/desk-controls';

/** PUT {confirmSlippageBps?, confirmNotionalUsd?} (admin). */
export const PUT = handler({ role: 'admin', mutation: true, reauth: true, body: thresholdsSchema }, async ({ member, body, services }) =>
  ({ settings: await services.orders.thresholds(member, body) }));
