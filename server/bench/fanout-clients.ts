/**
 * Child process of the fan-out benches: N loopback clients (WebSocket, or SSE stream + POSTs) that count
 * frames, so the server under test does not share its event loop with its readers. Driven over IPC by
 * fanout.ts and sse-ratio.ts.
 */
import { WebSocket } from 'ws';
import { AckCounter } from '../../lib/feed/ack-counter';
import { splitFrames } from '../../lib/protocol-basics';
import { openSseReader } from './sse-reader';

export type ClientCommand =
  | { cmd: 'connect'; url: string; n: number; origin: string; subscribe: string[]; heavyEvery: number; heavySubscribe: string[]; transport?: 'ws' | 'sse' }
  | { cmd: 'reset'; recordTimes: boolean }
  | { cmd: 'stall' }
  | { cmd: 'resume' }
  | { cmd: 'wait'; expected: number; timeoutMs: number }
  | { cmd: 'latency'; sendTimes: number[] }
  | { cmd: 'close' };

/** Substring that marks a frame of the measured topic (the first bytes of every hub/bare frame carry the symbol). */
export const MEASURED_MARK = 'BTC/USD';

interface Client {
  /** the ws client, or for SSE a stand-in whose terminate() ends the stream (stalls are ws-only) */
  ws: Pick<WebSocket, 'terminate'>;
  heavy: boolean;
  count: number;
  /** arrival of the latest measured frame */
  last: number;
  times: number[];
  /** acks what it received, as the desk's feed client does (flow control) */
  acks: AckCounter;
}

const clients: Client[] = [];
let recordTimes = false;
let stalled = false;
const now = () => performance.timeOrigin + performance.now();
const reply = (message: unknown) => process.send?.(message);

/** Counts one frame of the measured topic. */
function counted(client: Client, measured: boolean): void {
  if (!measured) return;
  client.count++;
  client.last = now();
  if (recordTimes) client.times.push(client.last);
}

/** Handles one hub message (one or more frames, as the feed client does): acks their bytes, counts the measured ones. */
function received(client: Client, text: string, send: (frame: string) => void): void {
  const frames = splitFrames(text);
  const ack = client.acks.handledFrames(frames);
  if (ack) send(ack);
  for (const frame of frames) counted(client, frame.slice(0, 80).includes(MEASURED_MARK));
}

function openSse(url: string, origin: string, heavy: boolean, subscribe: string[]): Promise<Client> {
  const client: Client = { ws: { terminate: () => undefined }, heavy, count: 0, last: 0, times: [], acks: new AckCounter() };
  return openSseReader(url, origin, {
    opened: (send) => {
      send(client.acks.open());
      for (const frame of subscribe) send(frame);
    },
    frame: (text, send) => received(client, text, send),
  }).then((reader) => {
    client.ws = { terminate: reader.close };
    return client;
  });
}

function open(url: string, origin: string, heavy: boolean, subscribe: string[]): Promise<Client> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { origin, perMessageDeflate: false });
    const client: Client = { ws, heavy, count: 0, last: 0, times: [], acks: new AckCounter() };
    ws.on('open', () => {
      ws.send(client.acks.open());
      for (const frame of subscribe) ws.send(frame);
      resolve(client);
    });
    ws.on('message', (data: Buffer) => received(client, data.toString('latin1'), (ack) => ws.send(ack)));
    ws.on('error', reject);
  });
}

function healthy(): Client[] {
  return stalled ? clients.filter((c) => !c.heavy) : clients;
}

async function handle(command: ClientCommand): Promise<unknown> {
  switch (command.cmd) {
    case 'connect': {
      for (let i = 0; i < command.n; i += 100) {
        const batch = Array.from({ length: Math.min(100, command.n - i) }, (_, j) => {
          const heavy = command.heavyEvery > 0 && (i + j) % command.heavyEvery === 0;
          const frames = heavy ? [...command.subscribe, ...command.heavySubscribe] : command.subscribe;
          return (command.transport === 'sse' ? openSse : open)(command.url, command.origin, heavy, frames);
        });
        clients.push(...(await Promise.all(batch)));
      }
      return { connected: clients.length };
    }
    case 'reset':
      recordTimes = command.recordTimes;
      for (const c of clients) {
        c.count = 0;
        c.times = [];
      }
      return {};
    case 'stall':
      stalled = true;
      for (const c of clients) if (c.heavy) (c.ws as unknown as { _socket: { pause(): void } })._socket.pause(); // ws clients only
      return { stalled: clients.filter((c) => c.heavy).length };
    case 'resume':
      stalled = false;
      for (const c of clients) if (c.heavy) (c.ws as unknown as { _socket: { resume(): void } })._socket.resume();
      return {};
    case 'wait': {
      const deadline = Date.now() + command.timeoutMs;
      const group = healthy();
      while (group.some((c) => c.count < command.expected) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 2));
      }
      const lastAt = group.reduce((t, c) => Math.max(t, c.last), 0);
      return { lastAt, received: group.reduce((n, c) => n + c.count, 0), clients: group.length };
    }
    case 'latency': {
      const all: number[] = [];
      for (const c of healthy()) c.times.forEach((t, k) => all.push(t - (command.sendTimes[k] ?? t)));
      all.sort((a, b) => a - b);
      const at = (q: number) => all[Math.min(all.length - 1, Math.floor(q * all.length))] ?? NaN;
      return { p50: at(0.5), p99: at(0.99), samples: all.length };
    }
    case 'close':
      for (const c of clients) c.ws.terminate();
      setTimeout(() => process.exit(0), 50);
      return {};
  }
}

process.on('message', (command: ClientCommand) => {
  handle(command).then(reply, (error: unknown) => reply({ error: String(error) }));
});
