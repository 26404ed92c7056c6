import 'server-only';
import { deskServices } from '@/lib/desk-services';
import { createOrderService, type OrderService } from '@/lib/orders/service';

// One service per process (single-flight maps and read caches must be shared by every request and bundle).
const KEY = Symbol.for('kraken-desk.order-service');

/** The process-wide order service over the desk's database, Kraken client and hub. */
export function orderService(): OrderService {
  const holder = globalThis as typeof globalThis & { [KEY]?: OrderService };
  if (!holder[KEY]) {
    const { db, kraken, hub, env } = deskServices();
    holder[KEY] = createOrderService({
      db,
      kraken,
      bookSnapshot: hub.bookSnapshot ? (symbol, depth) => hub.bookSnapshot?.(symbol, depth) : undefined,
      onAccountUpdate: hub.onAccountUpdate ? (listener) => hub.onAccountUpdate?.(listener) ?? (() => undefined) : undefined,
      tradingRate: { tier: env.KRAKEN_TIER },
    });
  }
  return holder[KEY];
}
