import { keyHealth } from '@/lib/server/key-health';
import { withMember } from '@/lib/server/with-member';

/** GET (admin): what the configured Kraken key may do, assessed, with a signed round trip's latency. */
export const GET = withMember('admin', async () => Response.json(await keyHealth()));
