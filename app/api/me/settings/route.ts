import { z } from 'zod';
import { handler } from '@/lib/http/handler';
import { settingsPatchOf } from '@/lib/settings/settings-routes';

/**
 * GET: the signed-in member's own screen settings (any role: a viewer's chart interval is theirs to keep).
 * PUT {chart?, book?, markets?, layout?}: change some of them (same-origin).
 */
export const GET = handler({ role: 'viewer' }, async ({ member, services }) => ({ settings: await services.db.memberSettings.get(member.id) }));

export const PUT = handler({ role: 'viewer', mutation: true, body: z.unknown() }, async ({ member, body, services }) =>
  ({ settings: await services.db.memberSettings.update(member.id, settingsPatchOf(body)) }));
