import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CLOSE_CODES, splitFrames } from '../../lib/protocol';
import { nodeEventSource } from './testing/sse-client';
import { ORIGIN, startSseDesk } from './testing/sse-desk';
import { until } from './testing/until';

/**
 * `/api/feed` is held to the `/ws` rules. A stream needs a signed-in member and an allowed
 * origin; its POSTs need the same member's session, the page's Origin, a bounded body and the ws client
 * frame schema; the member watch ends streams of disabled members as it closes their sockets.
 */

type Desk = Awaited<ReturnType<typeof startSseDesk>>;

/** A raw stream: its id, every data frame, and the end event. */
async function openStream(desk: Desk, member: string) {
  const Source = nodeEventSource({ cookie: `member=${member}` });
  const source = new Source(desk.url);
  const frames: Record<string, unknown>[] = [];
  const seen = { id: undefined as string | undefined, end: undefined as { code: number; reason: string } | undefined };
  source.addEventListener('stream', (ev) => (seen.id = (JSON.parse(ev.data) as { stream: string }).stream));
  source.addEventListener('end', (ev) => (seen.end = JSON.parse(ev.data) as { code: number; reason: string }));
  source.onmessage = (ev) => frames.push(...splitFrames(ev.data).map((f) => JSON.parse(f) as Record<string, unknown>));
  await until(() => seen.id !== undefined, 5000, `${member}'s stream opens`);
  return {
    id: seen.id as string,
    frames,
    /** the stream's end event (a function: assertions must not narrow it for later reads) */
    ended: () => seen.end,
    close: () => source.close(),
  };
}

function post(desk: Desk, member: string | undefined, body: unknown, headers: Record<string, string> = { origin: ORIGIN }) {
  return fetch(desk.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(member ? { cookie: `member=${member}` } : {}), ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

const SUBSCRIBE = JSON.stringify({ op: 'subscribe', channel: 'book', symbol: 'BTC/USD', depth: 10 });

test('GET /api/feed: a signed-in member on an allowed origin gets an uncached event stream; others are refused', async () => {
  const desk = await startSseDesk();
  try {
    const get = (headers: Record<string, string>) => fetch(desk.url, { headers });
    const anonymous = await get({});
    assert.equal(anonymous.status, 401);
    assert.match(((await anonymous.json()) as { error: { message: string } }).error.message, /sign in/);
    assert.equal((await get({ cookie: 'member=alice', origin: 'https://evil.example' })).status, 403, 'a foreign Origin');
    assert.equal((await get({ cookie: 'member=alice', 'sec-fetch-site': 'cross-site' })).status, 403, 'a cross-site request without Origin');
    const ok = await get({ cookie: 'member=alice', origin: ORIGIN });
    assert.equal(ok.status, 200);
    assert.match(ok.headers.get('content-type') ?? '', /^text\/event-stream/);
    assert.match(ok.headers.get('cache-control') ?? '', /no-store/);
    assert.equal(ok.headers.get('x-accel-buffering'), 'no');
    await ok.body?.cancel();
    await until(() => desk.feed.connections() === 0, 2000, 'a cancelled stream is forgotten');
  } finally {
    await desk.close();
  }
});

test('POST with another member\'s stream id is refused and steers nothing; the owner\'s own POST subscribes', async () => {
  const desk = await startSseDesk();
  try {
    const alice = await openStream(desk, 'alice');
    const refused = await post(desk, 'bob', { stream: alice.id, frames: [SUBSCRIBE] });
    assert.equal(refused.status, 404);
    assert.equal((await post(desk, undefined, { stream: alice.id, frames: [SUBSCRIBE] })).status, 401, 'no session');
    assert.equal((await post(desk, 'alice', { stream: alice.id, frames: [SUBSCRIBE] }, {})).status, 403, 'no Origin');
    assert.equal((await post(desk, 'alice', { stream: alice.id, frames: [SUBSCRIBE] }, { origin: 'https://evil.example' })).status, 403);
    assert.deepEqual(desk.hub.stats().feeds, [], 'nothing was subscribed for alice by anyone else');
    const refusals = (await desk.db.audit.all()).filter((r) => r.outcome === 'refused' && r.action === 'feed.post');
    assert.deepEqual(refusals.map((r) => [r.actor, (JSON.parse(r.detail) as { reason: string }).reason]), [['bob', 'foreign_stream']], 'bob\'s attempt is audited');
    assert.equal((await post(desk, 'alice', { stream: alice.id, frames: [SUBSCRIBE] })).status, 204);
    await until(() => alice.frames.some((f) => f.type === 'snapshot' && f.channel === 'book'), 10_000, 'alice gets her book snapshot');
    alice.close();
  } finally {
    await desk.close();
  }
});

test('POST bodies are bounded and validated: the envelope with a 4xx, each frame with the ws schema and budgets', async () => {
  const desk = await startSseDesk();
  try {
    const alice = await openStream(desk, 'alice');
    const big = await post(desk, 'alice', { stream: alice.id, frames: ['x'.repeat(20_000)] });
    assert.equal(big.status, 413);
    const notJson = await post(desk, 'alice', '{"stream":');
    assert.equal(notJson.status, 400);
    const badEnvelope = await post(desk, 'alice', { stream: 'not-an-id', frames: [], extra: 1 });
    assert.equal(badEnvelope.status, 400);
    const message = ((await badEnvelope.json()) as { error: { message: string } }).error.message;
    assert.match(message, /stream/);
    assert.match(message, /frames/);
    // a frame that fails the schema is answered on the stream, as over /ws
    assert.equal((await post(desk, 'alice', { stream: alice.id, frames: [JSON.stringify({ op: 'subscribe', channel: 'nope' })] })).status, 204);
    await until(() => alice.frames.some((f) => f.type === 'error' && f.code === 'bad_request'), 5000, 'a bad_request error frame');
    assert.equal(alice.ended(), undefined, 'one invalid frame does not end the stream');
    // an ack beyond the bytes sent is a protocol error: the stream ends with badFrame, like the socket
    await post(desk, 'alice', { stream: alice.id, frames: [JSON.stringify({ op: 'ack', bytes: 1e9 })] });
    await until(() => alice.ended() !== undefined, 5000, 'the stream ends');
    assert.equal(alice.ended()?.code, CLOSE_CODES.badFrame);
    assert.equal((await post(desk, 'alice', { stream: alice.id, frames: [SUBSCRIBE] })).status, 404, 'an ended stream takes no more frames');
  } finally {
    await desk.close();
  }
});

test('the member watch ends the streams of a member disabled elsewhere with the revoked-session code, and no one else\'s', async () => {
  const desk = await startSseDesk();
  try {
    const alice = await openStream(desk, 'alice');
    const bob = await openStream(desk, 'bob');
    await desk.cli('disable', 'alice');
    await until(() => alice.ended() !== undefined, 3000, 'alice\'s stream ends');
    assert.equal(alice.ended()?.code, CLOSE_CODES.unauthorized);
    assert.equal(bob.ended(), undefined, 'bob keeps his stream');
    const bobId = (await desk.db.members.findByUsername('bob'))?.id ?? assert.fail('bob exists');
    assert.equal(desk.hub.disconnectMember(bobId), 1, 'the admin\'s disconnectMember reaches SSE streams too');
    await until(() => bob.ended() !== undefined, 3000, 'bob\'s stream ends');
    assert.equal(bob.ended()?.code, CLOSE_CODES.unauthorized);
  } finally {
    await desk.close();
  }
});
