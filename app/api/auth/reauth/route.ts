import { z } from 'zod';
import { handler } from '@/lib/http/handler';
import { reauthenticateHere } from '@/lib/server/account-security';

const reauthBody = z.object({ password: z.string().max(1024).optional(), code: z.string().max(40).optional() }).strict();

/**
 * POST {password} or {code} (same-origin): re-authenticates this session for sensitive actions (5 minutes); what the
 * "confirm it's you" dialog does for the web UI. Answers 204; a wrong password or code 400, too many 429.
 */
export const POST = handler({ role: 'viewer', mutation: true, beforeEnrolment: true, body: reauthBody }, async ({ member, body }) => {
  await reauthenticateHere(member, body);
  return new Response(null, { status: 204 });
});
