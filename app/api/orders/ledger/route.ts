import { HISTORY_ROUTES } from '@/lib/orders/history-routes';
import { apiRoute } from '@/lib/server/orders';

/** GET ?page=N|all=1 &symbol (asset) &from &to (Unix s): ledger entries, filtered over all of them (viewer). */
export const GET = apiRoute(HISTORY_ROUTES.ledger);
