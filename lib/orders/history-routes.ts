import { AppError } from '../errors';
import { historyQuery } from './history';
import type { RouteSpec } from './http';
import type { ApiServices } from './routes';

/**
 * GET handlers of the history and open-order lists, with filters applied over all of the account's history
 * (`symbol`, `side`, `from`, `to` in Unix seconds) and `all=1` for every row (open orders; CSV export).
 */
type Spec = RouteSpec<undefined, Record<string, string>, ApiServices>;

export const HISTORY_ROUTES = {
  listOrders: {
    role: 'viewer', mutation: false,
    async handle(s, req) {
      const url = new URL(req.url);
      const status = url.searchParams.get('status') ?? 'open';
      if (status !== 'open' && status !== 'closed') throw new AppError('invalid_status', 400, 'status must be "open" or "closed".');
      const { filter, page } = historyQuery(url);
      return Response.json(await s.orders.reads.orders(status, page, filter));
    },
  } satisfies Spec,
  fills: {
    role: 'viewer', mutation: false,
    async handle(s, req) {
      const { filter, page } = historyQuery(new URL(req.url));
      return Response.json(await s.orders.reads.fills(page, filter));
    },
  } satisfies Spec,
  ledger: {
    role: 'viewer', mutation: false,
    async handle(s, req) {
      const { filter, page } = historyQuery(new URL(req.url));
      return Response.json(await s.orders.reads.ledger(page, filter));
    },
  } satisfies Spec,
};
