import { HISTORY_ROUTES } from '@/lib/orders/history-routes';
import { apiRoute } from '@/lib/server/orders';

/** GET ?page=N|all=1 &symbol &side &from &to (Unix s): fills (TradesHistory), filtered over all of them, with the member whose order filled (viewer). */
export const GET = apiRoute(HISTORY_ROUTES.fills);
