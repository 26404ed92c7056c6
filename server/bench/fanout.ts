/**
 * Fan-out benches (not tests): the hub serving N = 1,000 loopback browsers, against a bare `ws`
 * broadcast loop that sends the same pre-encoded frames to the same number of clients. The clients
 * live in a child process (fanout-clients.ts) so readers do not share the server's event loop.
 *
 *   fanout_throughput_ratio  = hub deliveries/s ÷ bare deliveries/s        (floor 0.7)
 *   fanout_p99_latency_ratio = hub p99 send→receive ÷ bare p99, paced feed  (≤ 1.5)
 *   slow_consumer_ratio      = per-client delivery rate of the healthy 90% while 10% are stalled
 *                              ÷ the same rate with nobody stalled         (≥ 0.9)
 */
import { fork, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setImmediate as nextTurn, setTimeout as sleep } from 'node:timers/promises';
import { WebSocketServer, type WebSocket } from 'ws';
import { DEFAULT_FLOW_LIMITS } from '../hub/connection';
import { createHub, type Hub } from '../hub/hub';
import type { Frame } from '../hub/frames';
import { FakeSink, FakeUpstream } from '../hub/testing/fakes';
import { UpstreamBookSim } from '../hub/testing/book-model';
import type { UpstreamData } from '../hub/upstream';
import { createWsUpgradeHandler } from '../hub/ws-transport';
import type { ClientCommand } from './fanout-clients';
import { median } from './stats';

const N = Number(process.env.BENCH_FANOUT_CLIENTS ?? 1000);
// sized for 2 cores where one loopback send costs ~40 µs of syscalls: ~10 s per server kind
const THROUGHPUT_FRAMES = 80;
const LATENCY_FRAMES = 30;
/** one frame to 1,000 sockets takes 50–100 ms here; pace well above that so latency is not queueing */
const LATENCY_PACE_MS = 150;
/** heavy frames per slow-consumer run: ~48 KB each, more than a stalled reader's ~4 MB of kernel buffers hold */
const SLOW_FRAMES = 120;
export const ORIGIN = 'http://127.0.0.1';
export const SUBSCRIBE = JSON.stringify({ op: 'subscribe', channel: 'book', symbol: 'BTC/USD' });
const HEAVY_SUBSCRIBE = JSON.stringify({ op: 'subscribe', channel: 'book', symbol: 'ETH/USD', depth: 1000 });
const now = () => performance.timeOrigin + performance.now();

type Figures = Record<string, number>;

/** The client process, one request at a time. */
export class Clients {
  private readonly child: ChildProcess;

  constructor() {
    this.child = fork(new URL('./fanout-clients.ts', import.meta.url), [], { execArgv: ['--import', 'tsx'] });
  }

  request<T = Record<string, number>>(command: ClientCommand): Promise<T> {
    return new Promise((resolve, reject) => {
      this.child.once('message', (m: unknown) => {
        const error = (m as { error?: string }).error;
        if (error) reject(new Error(error));
        else resolve(m as T);
      });
      this.child.send(command);
    });
  }

  async close(): Promise<void> {
    const exited = new Promise((r) => this.child.once('exit', r));
    await this.request({ cmd: 'close' });
    await exited;
  }
}

/** A deterministic BTC/USD depth-10 stream: snapshot plus `count` small updates. */
export function btcStream(count: number): { snapshot: UpstreamData; updates: UpstreamData[] } {
  const sim = new UpstreamBookSim('BTC/USD', 10);
  const snapshot = sim.snapshot();
  const updates = Array.from({ length: count }, (_, i) => {
    const level = i % 10;
    const qty = `${1 + (i % 7)}.${String(i % 100000).padStart(8, '0')}`;
    return sim.update([[(100.5 + level).toFixed(1), qty]], [[(99.5 - level).toFixed(1), qty]]);
  });
  return { snapshot, updates };
}

/** A deep ETH/USD book whose every update rewrites all 2,000 levels (~48 KB frames) for the stalled readers. */
function heavyStream(): { snapshot: UpstreamData; next(count: number): UpstreamData[] } {
  const sim = new UpstreamBookSim('ETH/USD', 1000, 5000);
  const snapshot = sim.snapshot();
  let i = 0;
  // built a batch at a time, before each run, so hundreds of 2,000-level updates are never held at once
  const update = () => {
    const qty = `${2 + (i % 5)}.${String(i++).padStart(8, '0')}`;
    const asks: [string, string][] = [];
    const bids: [string, string][] = [];
    for (let k = 0; k < 1000; k++) {
      asks.push([(5000.5 + k).toFixed(1), qty]);
      bids.push([(4999.5 - k).toFixed(1), qty]);
    }
    return sim.update(asks, bids);
  };
  return { snapshot, next: (count) => Array.from({ length: count }, update) };
}

export interface Server {
  url: string;
  hub?: Hub;
  /** publishes measured frame i (and, when heavy, heavy frame i) */
  send(i: number): void;
  close(): Promise<void>;
}

async function listen(onUpgrade: Parameters<ReturnType<typeof createServer>['on']>[1]) {
  const server = createServer();
  server.on('upgrade', onUpgrade);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/ws`;
  return { server, url };
}

async function startHubServer(btc: ReturnType<typeof btcStream>, heavy?: ReturnType<typeof heavyStream>): Promise<Server & { publishSnapshots(): void; prepareHeavy(count: number): void }> {
  const upstream = new FakeUpstream();
  const hub = createHub({ upstream, lingerMs: 0 });
  upstream.setState('live');
  const handler = createWsUpgradeHandler({
    hub,
    authenticate: async () => ({ memberId: 1, username: 'bench', role: 'viewer' }),
    isAllowedOrigin: () => true,
    pingIntervalMs: 600_000,
  });
  const { server, url } = await listen(handler);
  /** heavy updates for the next run, one emitted beside each measured frame */
  let heavyQueue: UpstreamData[] = [];
  return {
    url,
    hub,
    prepareHeavy(count) {
      heavyQueue = heavy?.next(count) ?? [];
    },
    publishSnapshots() {
      upstream.emit(btc.snapshot);
      if (heavy) upstream.emit(heavy.snapshot);
    },
    send(i) {
      upstream.emit(btc.updates[i] as UpstreamData);
      const heavyUpdate = heavyQueue.shift();
      if (heavyUpdate) upstream.emit(heavyUpdate);
    },
    async close() {
      await handler.close();
      await hub.close();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** The hub's own frames for the stream, recorded once, so the bare loop sends byte-identical frames. */
function preEncode(btc: ReturnType<typeof btcStream>): Frame[] {
  const upstream = new FakeUpstream();
  const hub = createHub({ upstream, lingerMs: 0 });
  upstream.setState('live');
  const sink = new FakeSink();
  hub.connect(sink).subscribe({ channel: 'book', symbol: 'BTC/USD', depth: 10 });
  upstream.emit(btc.snapshot);
  sink.clear();
  for (const u of btc.updates) upstream.emit(u);
  void hub.close();
  return sink.frames.slice();
}

async function startBareServer(frames: Frame[]): Promise<Server> {
  const wss = new WebSocketServer({ noServer: true, perMessageDeflate: false, clientTracking: false });
  const sockets = new Set<WebSocket>();
  const { server, url } = await listen((req, socket, head) => {
    wss.handleUpgrade(req, socket, head, (ws) => {
      sockets.add(ws);
      ws.on('close', () => sockets.delete(ws));
    });
  });
  return {
    url,
    send(i) {
      const frame = frames[i] as Frame;
      for (const ws of sockets) ws.send(frame, { binary: false });
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/** Sends frames `from`…`from+count-1`, yielding to the event loop after each (or pacing), and returns send times. */
export async function pump(server: Server, from: number, count: number, paceMs = 0): Promise<number[]> {
  const sendTimes: number[] = [];
  for (let i = 0; i < count; i++) {
    sendTimes.push(now());
    server.send(from + i);
    if (paceMs > 0) await sleep(paceMs);
    else await nextTurn();
  }
  return sendTimes;
}

/** Throughput and paced p99 latency for one server kind. */
async function measure(server: Server, clients: Clients, offset: number) {
  await clients.request({ cmd: 'reset', recordTimes: false });
  const [t0 = 0] = await pump(server, offset, THROUGHPUT_FRAMES);
  const t = await clients.request<{ lastAt: number; received: number }>({ cmd: 'wait', expected: THROUGHPUT_FRAMES, timeoutMs: 30_000 });
  const deliveriesPerSecond = t.received / ((t.lastAt - t0) / 1000);
  await clients.request({ cmd: 'reset', recordTimes: true });
  const sendTimes = await pump(server, offset + THROUGHPUT_FRAMES, LATENCY_FRAMES, LATENCY_PACE_MS);
  await clients.request({ cmd: 'wait', expected: LATENCY_FRAMES, timeoutMs: 30_000 });
  const latency = await clients.request<{ p50: number; p99: number }>({ cmd: 'latency', sendTimes });
  return { deliveriesPerSecond, p50: latency.p50, p99: latency.p99 };
}

async function withClients<T>(url: string, heavyEvery: number, run: (clients: Clients) => Promise<T>): Promise<T> {
  const clients = new Clients();
  try {
    await clients.request({ cmd: 'connect', url, n: N, origin: ORIGIN, subscribe: [SUBSCRIBE], heavyEvery, heavySubscribe: [HEAVY_SUBSCRIBE] });
    return await run(clients);
  } finally {
    await clients.close();
  }
}

async function waitForSubscribers(hub: Hub, feeds: number): Promise<void> {
  for (let i = 0; i < 500 && (hub.stats().connections < N || hub.stats().feeds.length < feeds); i++) await sleep(10);
  await sleep(100);
}

/** Each round measures both servers; the ratios are medians over rounds, alternating which goes first. */
const ROUNDS = Number(process.env.BENCH_FANOUT_ROUNDS ?? 3);

async function measureBare(btc: ReturnType<typeof btcStream>) {
  const bare = await startBareServer(preEncode(btc));
  try {
    return await withClients(bare.url, 0, (clients) => measure(bare, clients, 0));
  } finally {
    await bare.close();
  }
}

async function measureHub(btc: ReturnType<typeof btcStream>) {
  const hub = await startHubServer(btc);
  try {
    return await withClients(hub.url, 0, async (clients) => {
      await waitForSubscribers(hub.hub as Hub, 1);
      hub.publishSnapshots();
      await clients.request({ cmd: 'wait', expected: 1, timeoutMs: 10_000 });
      return measure(hub, clients, 0);
    });
  } finally {
    await hub.close();
  }
}


/** Runs both measurements, `a` first in even rounds and `b` first in odd ones, so neither always goes first. */
export async function bothAlternating<A, B>(round: number, a: () => Promise<A>, b: () => Promise<B>): Promise<[A, B]> {
  if (round % 2 === 0) {
    const first = await a();
    return [first, await b()];
  }
  const first = await b();
  return [await a(), first];
}

/**
 * Hub vs bare `ws` broadcast: deliveries/s and paced p99 latency, N clients each. On 2 shared cores one
 * round swings by 2× with whatever else the machine is doing, so the ratio is taken per round (both
 * servers measured back to back) and the median round is reported.
 */
export async function fanoutThroughputAndLatency(): Promise<Figures> {
  const btc = btcStream(THROUGHPUT_FRAMES + LATENCY_FRAMES);
  const rounds: { hub: Awaited<ReturnType<typeof measure>>; bare: Awaited<ReturnType<typeof measure>> }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const [bare, hub] = await bothAlternating(round, () => measureBare(btc), () => measureHub(btc));
    rounds.push({ bare, hub });
  }
  const throughputRatios = rounds.map((r) => r.hub.deliveriesPerSecond / r.bare.deliveriesPerSecond);
  const latencyRatios = rounds.map((r) => r.hub.p99 / r.bare.p99);
  return {
    fanout_clients: N,
    fanout_rounds: rounds.length,
    fanout_hub_deliveries_per_s: Math.round(median(rounds.map((r) => r.hub.deliveriesPerSecond))),
    fanout_bare_deliveries_per_s: Math.round(median(rounds.map((r) => r.bare.deliveriesPerSecond))),
    fanout_throughput_ratio_min: Math.min(...throughputRatios),
    fanout_throughput_ratio_max: Math.max(...throughputRatios),
    fanout_throughput_ratio: median(throughputRatios),
    fanout_hub_p50_ms: median(rounds.map((r) => r.hub.p50)),
    fanout_hub_p99_ms: median(rounds.map((r) => r.hub.p99)),
    fanout_bare_p50_ms: median(rounds.map((r) => r.bare.p50)),
    fanout_bare_p99_ms: median(rounds.map((r) => r.bare.p99)),
    fanout_p99_latency_ratio: median(latencyRatios),
  };
}

/**
 * Every 10th client also reads a deep, heavy book. Run A: everyone reads. Run B: the heavy readers stop
 * reading; they stop acknowledging too (the clients ack like the desk's feed client), so the hub conflates
 * them once their unacknowledged bytes pass the soft cap. Compares the healthy clients' rate.
 * One A/B pair swings from 0.75 to 1.3 on 2 shared cores, so each round measures both (alternating
 * which goes first, the stalled readers resumed and drained in between) and the median round counts.
 */
export async function slowConsumerRatio(): Promise<Figures> {
  const frames = SLOW_FRAMES;
  const btc = btcStream(2 * frames * ROUNDS);
  const server = await startHubServer(btc, heavyStream());
  try {
    return await withClients(server.url, 10, async (clients) => {
      const hub = server.hub as Hub;
      await waitForSubscribers(hub, 2);
      server.publishSnapshots();
      await clients.request({ cmd: 'wait', expected: 1, timeoutMs: 10_000 });
      let from = 0;
      const run = async () => {
        server.prepareHeavy(frames);
        await clients.request({ cmd: 'reset', recordTimes: false });
        const [t0 = 0] = await pump(server, from, frames);
        from += frames;
        const r = await clients.request<{ lastAt: number; received: number; clients: number }>({ cmd: 'wait', expected: frames, timeoutMs: 30_000 });
        return r.received / r.clients / ((r.lastAt - t0) / 1000);
      };
      const runStalled = async () => {
        const { stalled } = await clients.request<{ stalled: number }>({ cmd: 'stall' });
        const rate = await run();
        const { bufferedMax, backlogMax, closedTooSlow } = hub.stats();
        await clients.request({ cmd: 'resume' });
        // drained: the resumed readers have acknowledged what they were sent and taken their owed snapshots
        for (let i = 0; i < 500 && hub.stats().backlogMax > DEFAULT_FLOW_LIMITS.lowWaterBytes; i++) await sleep(10);
        await sleep(200);
        return { rate, stalled, bufferedMax, backlogMax, closedTooSlow };
      };
      const rounds: { allHealthy: number; withStalls: Awaited<ReturnType<typeof runStalled>> }[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const [allHealthy, withStalls] = await bothAlternating(round, run, runStalled);
        rounds.push({ allHealthy, withStalls });
      }
      const ratios = rounds.map((r) => r.withStalls.rate / r.allHealthy);
      return {
        slow_consumer_stalled_clients: rounds[0]?.withStalls.stalled ?? 0,
        slow_consumer_healthy_rate_per_client: Math.round(median(rounds.map((r) => r.withStalls.rate))),
        slow_consumer_baseline_rate_per_client: Math.round(median(rounds.map((r) => r.allHealthy))),
        slow_consumer_buffered_max_bytes: Math.max(...rounds.map((r) => r.withStalls.bufferedMax)),
        slow_consumer_backlog_max_bytes: Math.max(...rounds.map((r) => r.withStalls.backlogMax)),
        slow_consumer_closed_too_slow: Math.max(...rounds.map((r) => r.withStalls.closedTooSlow)),
        slow_consumer_ratio_min: Math.min(...ratios),
        slow_consumer_ratio_max: Math.max(...ratios),
        slow_consumer_ratio: median(ratios),
      };
    });
  } finally {
    await server.close();
  }
}

/** Everything main.ts prints for the fan-out. */
export async function benchFanout(): Promise<Figures> {
  return { ...(await fanoutThroughputAndLatency()), ...(await slowConsumerRatio()) };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const which = process.argv[2];
  console.log(which === 'slow' ? await slowConsumerRatio() : which === 'ratio' ? await fanoutThroughputAndLatency() : await benchFanout());
}
