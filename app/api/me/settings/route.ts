import { MEMBER_SETTINGS_ROUTES } from '@/lib/settings/settings-routes';
import { apiRoute } from '@/lib/server/orders';

/** GET: the member's screen settings. PUT {chart?, book?, markets?, layout?}: change some of them (same-origin). */
export const GET = apiRoute(MEMBER_SETTINGS_ROUTES.get);
export const PUT = apiRoute(MEMBER_SETTINGS_ROUTES.put);
