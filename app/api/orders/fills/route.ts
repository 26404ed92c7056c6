import { handler } from '@/lib/http/handler';
import { historyQuery } from '@/lib/orders/history';

/** GET ?page=N|all=1 &symbol &side &from &to (Unix s): fills (TradesHistory), filtered over all of them, with the member whose order filled (viewer). */
export const GET = handler({ role: 'viewer' }, ({ req, services }) => {
  const { filter, page } = historyQuery(new URL(req.url));
  return services.orders.reads.fills(page, filter);
});
