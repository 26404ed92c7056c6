import { handler } from '@/lib/http/handler';
import { keyHealth } from '@/lib/server/key-health';

/** GET (admin): what the configured Kraken key may do, assessed, with a signed round trip's latency. */
export const GET = handler({ role: 'admin' }, () => keyHealth());
