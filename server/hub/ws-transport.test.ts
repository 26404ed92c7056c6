import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { WebSocket } from 'ws';
import { CLOSE_CODES, MAX_CLIENT_FRAME_BYTES } from '../../lib/protocol';
import type { HubMember } from './access';
import { createHub } from './hub';
import { FakeUpstream } from './testing/fakes';
import { UpstreamBookSim } from './testing/book-model';
import { framesOf, frameBytesOf } from './testing/ws-frames';
import { serveWs } from './testing/ws-server';
import type { WsUpgradeOptions } from './ws-transport';
import { waitFor } from '../testing/wait-for';

const ORIGIN = 'http://127.0.0.1:3000';
const MEMBERS: Record<string, HubMember> = {
  viewer: { memberId: 7, username: 'vera', role: 'viewer' },
  trader: { memberId: 8, username: 'tom', role: 'trader' },
};

async function start(extra: Partial<WsUpgradeOptions> = {}) {
  const upstream = new FakeUpstream();
  const privateUpstream = new FakeUpstream();
  const hub = createHub({ upstream, privateUpstream, lingerMs: 0 });
  upstream.setState('live');
  const { url, handler, close } = await serveWs({
    hub,
    // the test's "cookie" is just the member name in a header
    authenticate: async (req: IncomingMessage) => MEMBERS[String(req.headers['x-member'])] ?? null,
    isAllowedOrigin: (origin) => origin === ORIGIN,
    ...extra,
  });
  return { upstream, privateUpstream, hub, handler, url, close };
}

/** A browser-like client that queues every JSON frame it gets (each message carries one or more). */
function connect(url: string, member: string | undefined, origin: string | null = ORIGIN, wsOpts = {}) {
  const headers: Record<string, string> = {};
  if (member) headers['x-member'] = member;
  const ws = new WebSocket(url, { headers, ...(origin ? { origin } : {}), ...wsOpts });
  const inbox: Array<Record<string, unknown>> = [];
  const waiters: Array<() => void> = [];
  ws.on('message', (data) => {
    inbox.push(...framesOf(data));
    waiters.splice(0).forEach((w) => w());
  });
  const next = async (pred: (m: Record<string, unknown>) => boolean, ms = 2000) => {
    const deadline = Date.now() + ms;
    for (;;) {
      const i = inbox.findIndex(pred);
      if (i >= 0) return inbox.splice(i, 1)[0] as Record<string, unknown>;
      if (Date.now() > deadline) throw new Error(`no matching frame; inbox ${JSON.stringify(inbox)}`);
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 50);
      });
    }
  };
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('unexpected-response', (_req, res) => reject(new Error(`HTTP ${res.statusCode}`)));
    ws.once('error', reject);
  });
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  return { ws, inbox, next, opened, closed };
}

test('the upgrade answers 403 for a foreign or missing Origin and 401 without a session, before upgrading', async () => {
  const s = await start();
  await assert.rejects(connect(s.url, 'viewer', 'http://evil.example').opened, /HTTP 403/);
  await assert.rejects(connect(s.url, 'viewer', null).opened, /HTTP 403/);
  await assert.rejects(connect(s.url, undefined).opened, /HTTP 401/);
  assert.equal(s.handler.connections(), 0);
  const ok = connect(s.url, 'viewer');
  await ok.opened;
  assert.equal((await ok.next((m) => m.type === 'status')).feed, 'live');
  ok.ws.close();
  await s.close();
});

test('a browser subscribes and receives the book snapshot and updates as JSON text frames', async () => {
  const s = await start();
  const sim = new UpstreamBookSim('BTC/USD', 10);
  const c = connect(s.url, 'trader');
  await c.opened;
  c.ws.send(JSON.stringify({ op: 'subscribe', channel: 'book', symbol: 'BTC/USD' }));
  await waitFor(() => s.upstream.wanted.has('book:BTC/USD:10'), 'the upstream book subscription', { timeoutMs: 2000 });
  s.upstream.emit(sim.snapshot());
  const snap = await c.next((m) => m.channel === 'book');
  assert.equal(snap.type, 'snapshot');
  assert.equal((snap.data as { checksum: number }).checksum, sim.model.checksum());
  c.ws.send(JSON.stringify({ op: 'ping', id: 5 }));
  assert.deepEqual(await c.next((m) => m.type === 'pong'), { type: 'pong', id: 5 });
  c.ws.send(JSON.stringify({ op: 'unsubscribe', channel: 'book', symbol: 'BTC/USD' }));
  await waitFor(() => !s.upstream.wanted.has('book:BTC/USD:10'), 'the upstream book subscription', { timeoutMs: 2000 });
  c.ws.close();
  await s.close();
});

test('a burst of frames reaches the socket coalesced, in order, and a close right after it still delivers it first', async () => {
  // a window far longer than the burst takes, so the burst shares one window whatever the machine's load
  const s = await start({ coalesceMs: 60_000 });
  const sim = new UpstreamBookSim('BTC/USD', 10);
  const c = connect(s.url, 'trader');
  await c.opened;
  await c.next((m) => m.type === 'status');
  c.ws.send(JSON.stringify({ op: 'subscribe', channel: 'book', symbol: 'BTC/USD' }));
  await waitFor(() => s.upstream.wanted.has('book:BTC/USD:10'), 'the upstream book subscription', { timeoutMs: 2000 });
  let messages = 0;
  c.ws.on('message', () => messages++);
  s.upstream.emit(sim.snapshot());
  for (let i = 0; i < 20; i++) s.upstream.emit(sim.update([['100.5', `${i + 1}.00000000`]], []));
  assert.equal(s.hub.disconnectMember(8), 1);
  assert.equal(await c.closed, CLOSE_CODES.unauthorized);
  const books = c.inbox.filter((m) => m.channel === 'book');
  assert.deepEqual(books.map((m) => m.type), ['snapshot', ...Array.from({ length: 20 }, () => 'update')], 'every frame, in order, before the close');
  assert.equal((books.at(-1)?.data as { checksum: number }).checksum, sim.model.checksum());
  assert.equal(messages, 1, 'written within the window of the opening status frame: all of them in one message, at the close');
  await s.close();
});

test('bad frames get an error frame or a close code, never a crash', async () => {
  const s = await start({ maxInvalidFrames: 2 });
  const a = connect(s.url, 'viewer');
  await a.opened;
  a.ws.send(JSON.stringify({ op: 'subscribe', channel: 'book', symbol: 'BTC/USD', depth: 11 }));
  assert.deepEqual(await a.next((m) => m.type === 'error'), { type: 'error', code: 'bad_request', message: 'depth must be one of 10, 25, 100, 500, 1000' });
  a.ws.send(JSON.stringify({ op: 'drop-table' }));
  assert.match(String((await a.next((m) => m.type === 'error')).message), /unknown op/);
  a.ws.send(JSON.stringify({ op: 'subscribe', channel: 'level3', symbol: 'BTC/USD' }));
  assert.equal(await a.closed, CLOSE_CODES.badFrame, 'the third invalid frame closes');

  const b = connect(s.url, 'viewer');
  await b.opened;
  b.ws.send('{not json');
  assert.equal(await b.closed, CLOSE_CODES.badFrame);

  const c = connect(s.url, 'viewer');
  await c.opened;
  c.ws.send(JSON.stringify({ op: 'ping', pad: 'x'.repeat(MAX_CLIENT_FRAME_BYTES) }));
  assert.equal(await c.closed, CLOSE_CODES.tooBig);

  const d = connect(s.url, 'viewer');
  await d.opened;
  d.ws.send(Buffer.from([1, 2, 3]), { binary: true });
  assert.equal(await d.closed, CLOSE_CODES.badFrame);

  const e = connect(s.url, 'viewer');
  await e.opened;
  e.ws.send(JSON.stringify({ op: 'ping' }));
  assert.deepEqual(await e.next((m) => m.type === 'pong'), { type: 'pong' }, 'the server still serves');
  e.ws.close();
  await s.close();
});

test('a socket that floods frames is closed; a normal one is not', async () => {
  const s = await start({ frameBurst: 20, framesPerSecond: 5 });
  const calm = connect(s.url, 'viewer');
  const flood = connect(s.url, 'viewer');
  await Promise.all([calm.opened, flood.opened]);
  for (let i = 0; i < 30; i++) flood.ws.send(JSON.stringify({ op: 'ping', id: i }));
  assert.equal(await flood.closed, CLOSE_CODES.badFrame);
  const served = flood.inbox.filter((m) => m.type === 'pong').length;
  assert.ok(served >= 20 && served < 30, `the burst (${served}) was served, then the socket closed`);
  for (let i = 0; i < 10; i++) calm.ws.send(JSON.stringify({ op: 'ping', id: i }));
  assert.equal((await calm.next((m) => m.type === 'pong' && m.id === 9)).id, 9);
  calm.ws.close();
  await s.close();
});

test('flow-control acks have their own budget; an ack of more bytes than were sent closes the socket', async () => {
  const s = await start({ frameBurst: 20, framesPerSecond: 5 });
  const c = connect(s.url, 'viewer');
  let received = 0;
  c.ws.on('message', (data: Buffer) => void (received += frameBytesOf(data)));
  await c.opened;
  await c.next((m) => m.type === 'status');
  for (let i = 0; i < 50; i++) c.ws.send(JSON.stringify({ op: 'ack', bytes: received }));
  c.ws.send(JSON.stringify({ op: 'ping', id: 1 }));
  assert.deepEqual(await c.next((m) => m.type === 'pong'), { type: 'pong', id: 1 }, '50 acks did not spend the 20-frame budget');
  assert.equal(c.inbox.filter((m) => m.type === 'error').length, 0, 'valid acks get no answer');
  c.ws.send(JSON.stringify({ op: 'ack', bytes: received + 1000 }));
  assert.equal(await c.closed, CLOSE_CODES.badFrame);
  await s.close();
});

test('private channels follow the explicit role policy', async () => {
  const s = await start({ canRead: (role) => role !== 'viewer' });
  const viewer = connect(s.url, 'viewer');
  await viewer.opened;
  viewer.ws.send(JSON.stringify({ op: 'subscribe', channel: 'balances' }));
  assert.deepEqual(await viewer.next((m) => m.type === 'error'), { type: 'error', code: 'forbidden', message: 'balances: role viewer may not read balances' });
  assert.equal(s.privateUpstream.wanted.size, 0);
  const trader = connect(s.url, 'trader');
  await trader.opened;
  trader.ws.send(JSON.stringify({ op: 'subscribe', channel: 'balances' }));
  await waitFor(() => s.privateUpstream.wanted.has('balances'), 'the balances subscription', { timeoutMs: 2000 });
  s.privateUpstream.emit({ channel: 'balances', type: 'snapshot', data: [{ asset: 'USD', balance: '100.0000', wallet: 'spot' }] });
  const frame = await trader.next((m) => m.type === 'private');
  assert.deepEqual(frame, { type: 'private', channel: 'balances', kind: 'snapshot', data: [{ asset: 'USD', balance: '100.0000', wallet: 'spot' }] });
  viewer.ws.close();
  trader.ws.close();
  await s.close();
});

test('with the default policy viewers, traders and admins may all read executions', async () => {
  const s = await start();
  const viewer = connect(s.url, 'viewer');
  await viewer.opened;
  viewer.ws.send(JSON.stringify({ op: 'subscribe', channel: 'executions' }));
  await waitFor(() => s.privateUpstream.wanted.has('executions'), 'the executions subscription', { timeoutMs: 2000 });
  viewer.ws.close();
  await s.close();
});

test('disconnectMember closes every socket of that member at once and no other', async () => {
  const s = await start();
  const v1 = connect(s.url, 'viewer');
  const v2 = connect(s.url, 'viewer');
  const t1 = connect(s.url, 'trader');
  await Promise.all([v1.opened, v2.opened, t1.opened]);
  assert.equal(s.hub.disconnectMember(7), 2);
  assert.deepEqual(await Promise.all([v1.closed, v2.closed]), [CLOSE_CODES.unauthorized, CLOSE_CODES.unauthorized]);
  t1.ws.send(JSON.stringify({ op: 'ping', id: 1 }));
  assert.equal((await t1.next((m) => m.type === 'pong')).id, 1);
  t1.ws.close();
  await s.close();
});

test('a socket that stops answering protocol pings is terminated', async () => {
  const s = await start({ pingIntervalMs: 100 });
  const mute = connect(s.url, 'viewer', ORIGIN, { autoPong: false });
  const healthy = connect(s.url, 'viewer');
  await Promise.all([mute.opened, healthy.opened]);
  assert.equal(await mute.closed, 1006, 'terminated without a close frame');
  assert.equal(healthy.ws.readyState, WebSocket.OPEN);
  await waitFor(() => s.handler.connections() === 1, 'one open socket', { timeoutMs: 2000 });
  assert.equal(s.hub.stats().connections, 1);
  healthy.ws.close();
  await s.close();
});

