import 'server-only';
import { headers } from 'next/headers';
import { noteRefusal } from '../auth/refusal-audit';
import { requestPathFrom } from '../auth/request-context';
import type { ActionEnv, RefusalRecorder, RouteEnv } from '../http/handler';
import { deskServices } from '../desk-services';
import { HSTS } from '../security-headers';
import { getDb } from './db';
import { orderService } from './orders';
import { currentMember } from './session';
import { getRefusalWindow } from './throttle';

/**
 * The Next side of the one wrapper (lib/http/handler.ts): the signed-in member from the session cookie, the
 * desk's Origin policy, the process-wide services, and refusals audited through the shared refusal window.
 */

/** Whether `origin` is the desk's own (PUBLIC_ORIGIN, loopback spellings, ALLOWED_ORIGINS): the registry's policy. */
export function isDeskOrigin(origin: string | null): boolean {
  return deskServices().isAllowedOrigin(origin);
}

const refused: RefusalRecorder = (member, what, reason, detail) => noteRefusal(getRefusalWindow(), member, what, reason, detail);

export const routeEnv: RouteEnv = {
  currentMember,
  isAllowedOrigin: isDeskOrigin,
  // The order service is built on first use: member admin actions and the audit export do not need it.
  service: () => ({ get orders() { return orderService(); }, db: getDb() }),
  refused,
  answerHeaders: (): Record<string, string> => (deskServices().env.PUBLIC_ORIGIN?.startsWith('https:') ? { 'Strict-Transport-Security': HSTS } : {}),
};

/** Server actions: the Origin header judged like the JSON API's; the attempt is named by the page it was posted to. */
export const actionEnv: ActionEnv = {
  ...routeEnv,
  origin: async () => (await headers()).get('origin'),
  describe: async () => {
    const path = requestPathFrom(await headers());
    return path ? `server action ${path.split('?')[0]}` : 'server action';
  },
};
