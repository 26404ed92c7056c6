import { handler } from '@/lib/http/handler';
import { historyQuery } from '@/lib/orders/history';

/** GET ?page=N|all=1 &symbol (asset) &from &to (Unix s): ledger entries, filtered over all of them (viewer). */
export const GET = handler({ role: 'viewer' }, ({ req, services }) => {
  const { filter, page } = historyQuery(new URL(req.url));
  return services.orders.reads.ledger(page, filter);
});
