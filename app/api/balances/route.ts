import { handler } from '@/lib/http/handler';

/** Balances, holds and USD values (viewer). */
export const GET = handler({ role: 'viewer' }, ({ services }) => services.orders.balances());
