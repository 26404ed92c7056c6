import { deskServicesReady } from '@/lib/desk-services';
import { AppError } from '@/lib/errors';

/**
 * The live feed over Server-Sent Events, for hosts where `/ws` cannot be upgraded (`next start`, Vercel): GET
 * streams the hub's frames, POST carries the browser's subscribe/unsubscribe/ping/ack frames for one stream.
 * All checks (session, Origin, stream ownership, schemas, sizes) live in the hub's SSE transport; this only
 * wraps it. The hub is the process registry's, under the custom server and under `next start` alike.
 */
export const dynamic = 'force-dynamic';

export function GET(req: Request): Promise<Response> {
  return handler('get', req);
}

export function POST(req: Request): Promise<Response> {
  return handler('post', req);
}

async function handler(method: 'get' | 'post', req: Request): Promise<Response> {
  const feed = (await deskServicesReady()).hub.feedStream;
  if (!feed) {
    const error = new AppError('unavailable');
    return Response.json({ error: { code: error.code, message: error.message } }, { status: error.status, headers: { 'Cache-Control': 'no-store' } });
  }
  return feed[method](req);
}
