/**
 * `/ws` as a plain HTTP request. Under the custom server WebSocket upgrades to `/ws` never reach Next
 * (server/http-routing.ts hands them to the feed hub). Without it (`next start`, Vercel) Next would leave an
 * upgrade to a path it has no route for hanging, and the tab's feed client would wait on it instead of falling
 * back to Server-Sent Events; with this route Next ends such upgrades at once, and the tab switches to
 * `/api/feed` after two failed attempts (lib/feed/fallback-transport.ts).
 */
export const dynamic = 'force-dynamic';

export function GET(): Response {
  return Response.json(
    {
      error: {
        code: 'upgrade_required',
        message: '/ws is the live feed over WebSocket and needs an upgrade; where this host cannot upgrade, the desk serves the feed at /api/feed (Server-Sent Events).',
      },
    },
    { status: 426, headers: { 'Cache-Control': 'no-store', Upgrade: 'websocket' } },
  );
}
