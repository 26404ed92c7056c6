import { handler } from '@/lib/http/handler';

/** Desk settings: frozen, dead-man's switch, fat-finger thresholds (viewer). */
export const GET = handler({ role: 'viewer' }, async ({ services }) => ({ settings: await services.orders.deskSettings() }));
