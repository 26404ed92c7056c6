import 'server-only';
import { deskServices, processEntry } from '@/lib/desk-services';
import { createOrderReports } from '@/lib/orders/order-reports';
import { createOrderService, type OrderService } from '@/lib/orders/service';

/**
 * The process-wide order service over the registry's database, Kraken client and hub: a registry entry, so its
 * single-flight maps and read caches are shared by every request and bundle.
 */
export function orderService(): OrderService {
  return processEntry('order-service', () => {
    const { db, kraken, hub, env } = deskServices();
    // the order service keeps the account's executions feed for as long as the process serves: placements read
    // their order's status from it instead of a second signed call (lib/orders/order-reports.ts)
    const orderReports = hub.watchExecutions ? createOrderReports() : undefined;
    if (orderReports) hub.watchExecutions?.(orderReports);
    return createOrderService({
      db,
      kraken,
      bookSnapshot: hub.bookSnapshot ? (symbol, depth) => hub.bookSnapshot?.(symbol, depth) : undefined,
      holdBook: hub.holdBook ? (symbol, depth) => hub.holdBook?.(symbol, depth) ?? (() => undefined) : undefined,
      onAccountUpdate: hub.onAccountUpdate ? (listener) => hub.onAccountUpdate?.(listener) ?? (() => undefined) : undefined,
      orderReports,
      tradingRate: { tier: env.KRAKEN_TIER },
      approvalAboveUsd: env.DESK_APPROVAL_ABOVE_USD,
    });
  });
}
