/**
 * Test double for Kraken's REST API behind an injected fetch: verifies API-Sign, enforces per-key nonces the way
 * Kraken does (optionally with a nonce window) and adds random request/response latency so out-of-order arrival
 * is possible. Used by unit tests only; never reaches the network.
 */
import { signRequest } from '../sign';
import type { FetchLike } from '../rest-http';
import { seededRandom } from './seeded-random';

export { seededRandom };

export type FakeReply =
  | { result: unknown; error?: string[] }
  | { error: string[] }
  | { status: number; body?: string }
  | { lost: true }
  | { raw: string };

export interface FakeCall {
  method: string;
  kind: 'public' | 'private';
  params: URLSearchParams;
  nonce: string | undefined;
}

export type FakeHandler = (call: FakeCall) => FakeReply | Promise<FakeReply>;

export interface FakeKrakenOptions {
  apiKey?: string;
  apiSecret?: string;
  /** Accept lower nonces within this many units (Kraken's nonce window); default 0 */
  nonceWindow?: number;
  /** Max extra event-loop turns before the request "arrives" and before the response does; default 0 */
  maxLatencyTurns?: number;
  random?: () => number;
  handlers?: Record<string, FakeHandler>;
}

function envelopeOf(reply: FakeReply): unknown {
  if ('result' in reply) return { error: reply.error ?? [], result: reply.result };
  return { error: 'error' in reply ? reply.error : [] };
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** A fake Kraken REST API: `fetch` to inject, `calls`/`stats` to assert on, `on` to change a handler. */
export function createFakeKraken(options: FakeKrakenOptions = {}) {
  const apiKey = options.apiKey ?? 'test-key';
  const apiSecret = options.apiSecret ?? Buffer.from('fake kraken secret for tests only').toString('base64');
  const random = options.random ?? seededRandom(1);
  const handlers: Record<string, FakeHandler> = { ...options.handlers };
  const calls: FakeCall[] = [];
  const stats = { invalidNonce: 0, invalidSignature: 0, accepted: 0 };
  let lastNonce = -1n;
  const seenNonces = new Set<bigint>();

  async function latency(): Promise<void> {
    const turns = Math.floor(random() * ((options.maxLatencyTurns ?? 0) + 1));
    for (let i = 0; i < turns; i++) await turn();
  }

  function checkAuth(path: string, body: string, headers: Record<string, string>, params: URLSearchParams): string[] | undefined {
    if (headers['API-Key'] !== apiKey) return ['EAPI:Invalid key'];
    const nonce = params.get('nonce') ?? '';
    if (!/^\d+$/.test(nonce) || headers['API-Sign'] !== signRequest(path, nonce, body, apiSecret)) {
      stats.invalidSignature++;
      return ['EAPI:Invalid signature'];
    }
    const value = BigInt(nonce);
    const window = BigInt(options.nonceWindow ?? 0);
    const ok = value > lastNonce || (window > 0n && value > lastNonce - window && !seenNonces.has(value));
    if (!ok) {
      stats.invalidNonce++;
      return ['EAPI:Invalid nonce'];
    }
    seenNonces.add(value);
    if (value > lastNonce) lastNonce = value;
    return undefined;
  }

  const fetch: FetchLike = async (url, init) => {
    const parsed = new URL(url);
    const [, , kind, method = ''] = parsed.pathname.split('/');
    const isPrivate = kind === 'private';
    const params = isPrivate ? new URLSearchParams(init.body ?? '') : parsed.searchParams;
    await latency();
    if (init.signal?.aborted) throw new DOMException('aborted', 'AbortError');
    let reply: FakeReply;
    const authError = isPrivate ? checkAuth(parsed.pathname, init.body ?? '', init.headers, params) : undefined;
    const call: FakeCall = { method, kind: isPrivate ? 'private' : 'public', params, nonce: params.get('nonce') ?? undefined };
    calls.push(call);
    if (authError) reply = { error: authError };
    else {
      const handler = handlers[method];
      reply = handler ? await handler(call) : { error: ['EGeneral:Unknown method'] };
      if ('result' in reply && (reply.error ?? []).length === 0) stats.accepted++;
    }
    await latency();
    if ('lost' in reply) {
      await new Promise<never>((_, reject) => {
        if (init.signal?.aborted) reject(new DOMException('aborted', 'AbortError'));
        init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
      });
    }
    if ('status' in reply) return { status: reply.status, statusText: 'Bad Gateway', text: async () => reply.body ?? '<html>' };
    const text = 'raw' in reply ? reply.raw : JSON.stringify(envelopeOf(reply));
    return { status: 200, text: async () => text };
  };

  return {
    fetch,
    apiKey,
    apiSecret,
    calls,
    stats,
    /** Replaces or adds the handler of one method. */
    on(method: string, handler: FakeHandler) {
      handlers[method] = handler;
    },
    callsOf(method: string): FakeCall[] {
      return calls.filter((c) => c.method === method);
    },
  };
}
