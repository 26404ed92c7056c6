/**
 * SSE vs WebSocket (not a test): one hub, one loopback HTTP server carrying both `/ws` and `/api/feed`,
 * the same N reader clients (a child process, fanout-clients.ts) once over each transport, the same
 * pre-built book stream pumped through the hub each time.
 *
 *   sse_throughput_ratio = SSE deliveries/s ÷ WS deliveries/s   (floor 0.6, goal 0.9)
 *
 * Rounds alternate which transport goes first, after one unrecorded warm-up round; the median round's ratio is
 * reported (2 shared cores swing single rounds by 2×). Each round pumps FRAMES frames, a few acks' worth per reader.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { createHub, type Hub } from '../hub/hub';
import { createSseFeed } from '../hub/sse-transport';
import { serveFeed } from '../hub/testing/sse-http';
import { FakeUpstream } from '../hub/testing/fakes';
import type { UpstreamData } from '../hub/upstream';
import { createWsUpgradeHandler } from '../hub/ws-transport';
import { bothAlternating, btcStream, Clients, ORIGIN, pump, SUBSCRIBE } from './fanout';
import { median } from './stats';

const N = Number(process.env.BENCH_SSE_CLIENTS ?? 500);
const FRAMES = Number(process.env.BENCH_SSE_FRAMES ?? 400);
const ROUNDS = Number(process.env.BENCH_SSE_ROUNDS ?? 5);

type Transport = 'ws' | 'sse';

async function startBoth() {
  const upstream = new FakeUpstream();
  const hub = createHub({ upstream, lingerMs: 0 });
  upstream.setState('live');
  const member = async () => ({ memberId: 1, username: 'bench', role: 'viewer' as const });
  const ws = createWsUpgradeHandler({ hub, authenticate: member, isAllowedOrigin: () => true, pingIntervalMs: 600_000 });
  const sse = createSseFeed({ hub, authenticate: member, isAllowedOrigin: () => true, heartbeatMs: 600_000, maxStreamSeconds: 3600 });
  const http = await serveFeed(sse, (server) => server.on('upgrade', ws));
  return {
    hub,
    upstream,
    urls: { ws: `${http.base.replace('http:', 'ws:')}/ws`, sse: `${http.base}/api/feed` } satisfies Record<Transport, string>,
    async close() {
      await ws.close();
      await sse.close();
      await http.close();
      await hub.close();
    },
  };
}

async function measure(both: Awaited<ReturnType<typeof startBoth>>, transport: Transport, btc: ReturnType<typeof btcStream>) {
  const clients = new Clients();
  try {
    await clients.request({ cmd: 'connect', url: both.urls[transport], n: N, origin: ORIGIN, subscribe: [SUBSCRIBE], heavyEvery: 0, heavySubscribe: [], transport });
    await waitForSubscribers(both.hub);
    both.upstream.emit(btc.snapshot);
    await clients.request({ cmd: 'wait', expected: 1, timeoutMs: 10_000 });
    await clients.request({ cmd: 'reset', recordTimes: false });
    const server = { url: '', send: (i: number) => both.upstream.emit(btc.updates[i] as UpstreamData), close: async () => undefined };
    const [t0 = 0] = await pump(server, 0, FRAMES);
    const t = await clients.request<{ lastAt: number; received: number }>({ cmd: 'wait', expected: FRAMES, timeoutMs: 60_000 });
    return t.received / ((t.lastAt - t0) / 1000);
  } finally {
    await clients.close();
    // the next measurement starts from no subscribers, so it re-subscribes upstream and waits for a snapshot
    for (let i = 0; i < 500 && both.hub.stats().connections > 0; i++) await sleep(10);
  }
}

async function waitForSubscribers(hub: Hub): Promise<void> {
  for (let i = 0; i < 1000 && (hub.stats().connections < N || hub.stats().feeds.length < 1); i++) await sleep(10);
  await sleep(100);
}

export async function benchSseRatio(): Promise<Record<string, number>> {
  const btc = btcStream(FRAMES);
  const both = await startBoth();
  try {
    // one unrecorded round first: the first connections and frames of each transport run unoptimised code
    await bothAlternating(0, () => measure(both, 'ws', btc), () => measure(both, 'sse', btc));
    const rounds: { ws: number; sse: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const [ws, sse] = await bothAlternating(round, () => measure(both, 'ws', btc), () => measure(both, 'sse', btc));
      rounds.push({ ws, sse });
      process.stderr.write(`sse round ${round + 1}: ws ${Math.round(ws)}/s, sse ${Math.round(sse)}/s, ratio ${(sse / ws).toFixed(3)}\n`);
    }
    const ratios = rounds.map((r) => r.sse / r.ws);
    return {
      sse_clients: N,
      sse_rounds: rounds.length,
      sse_ws_deliveries_per_s: Math.round(median(rounds.map((r) => r.ws))),
      sse_deliveries_per_s: Math.round(median(rounds.map((r) => r.sse))),
      sse_throughput_ratio_min: Math.min(...ratios),
      sse_throughput_ratio_max: Math.max(...ratios),
      sse_throughput_ratio: median(ratios),
    };
  } finally {
    await both.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(await benchSseRatio());
