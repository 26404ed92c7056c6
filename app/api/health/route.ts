import { jsonAnswer } from '@/lib/http/handler';

export const dynamic = 'force-dynamic';

/** Liveness for load balancers and the demo launcher; public on purpose and reveals no account data. */
export function GET() {
  return jsonAnswer(
    { status: 'ok', mode: process.env.DESK_MODE ?? 'live', time: new Date().toISOString() },
    { headers: { 'Cache-Control': 'no-store, no-transform' } },
  );
}
