import { requestPathFrom } from '@/lib/auth/request-context';
import { currentMember } from '@/lib/server/session';
import { isDeskOrigin, recordRefusal } from '@/lib/server/with-member';

export const dynamic = 'force-dynamic';

/**
 * Where proxy.ts sends a server-action POST whose Origin is missing or foreign, so the refusal is answered
 * here instead of by Next (which would answer 500) and, when the browser carries a member's cookie (a
 * cross-site forgery attempt against them), audited like the API's refusals. Always 403, never runs anything.
 */
export async function POST(req: Request): Promise<Response> {
  const origin = req.headers.get('origin');
  if (!isDeskOrigin(origin)) {
    const member = await currentMember().catch(() => null);
    const path = requestPathFrom(req.headers)?.split('?')[0];
    if (member) await recordRefusal(member, path ? `server action ${path}` : 'server action', 'cross_origin', { origin: origin?.slice(0, 200) ?? null });
  }
  return Response.json(
    { error: { code: 'cross_origin', message: 'This request must come from the desk itself (same-origin Origin header).' } },
    { status: 403, headers: { 'Cache-Control': 'no-store' } },
  );
}
