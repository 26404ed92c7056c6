import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { readBoundedText } from '../../lib/bounded-body';
import { CLOSE_CODES, MAX_CLIENT_FRAME_BYTES } from '../../lib/protocol';
import type { HubMember } from './access';
import { openClientSession, type ClientRules, type ClientSession } from './client-session';
import type { Hub } from './hub';
import { MemberWatch, type MemberWatchOptions } from './member-watch';
import { createSseStream, type SseStream } from './sse-stream';

/**
 * The live feed over Server-Sent Events, for hosts without WebSocket upgrades: `GET /api/feed` streams
 * the hub's frames, `POST /api/feed` carries the browser's frames (subscribe, unsubscribe, ping, ack) for
 * one stream. Same session, role and member-watch rules as `/ws` (client-session.ts does the judging);
 * plain `(Request) => Response` functions, so tests run them without Next and the route only wraps them.
 */

export interface SseFeedOptions extends ClientRules {
  hub: Hub;
  /** the member behind the request's Cookie header, or null */
  authenticate(cookieHeader: string | null): Promise<HubMember | null>;
  isAllowedOrigin(origin: string): boolean;
  /** streams end after this long (FEED_STREAM_MAX_SECONDS, under a serverless function's limit); seconds */
  maxStreamSeconds?: number;
  /** comment heartbeat period (ms) */
  heartbeatMs?: number;
  /** as over `/ws`: a busy stream's frames within this window share one event (ms, default DEFAULT_COALESCE_MS) */
  coalesceMs?: number;
  /** as in ws-transport.ts: revoked sessions end their streams, role changes re-authorise them */
  members?: MemberWatchOptions;
  /** A signed-in member POSTed to a stream that is not theirs (the desk audits it); the answer is 404 as for none. */
  onRefused?(member: HubMember, reason: 'foreign_stream', detail: Record<string, unknown>): void;
}

export interface SseFeed {
  get(req: Request): Promise<Response>;
  post(req: Request): Promise<Response>;
  /** open streams */
  connections(): number;
  checkMembers(memberId?: number): Promise<void>;
  /** Ends every stream with `goingAway`. */
  close(): Promise<void>;
}

/** A POST carries at most this many frames, each at most MAX_CLIENT_FRAME_BYTES (the browser batches). */
export const MAX_POST_FRAMES = 32;
const MAX_POST_BYTES = 16 * 1024;

const postBody = z
  .object({
    stream: z.uuid('stream must be the id from the stream\'s `stream` event'),
    frames: z
      .array(z.string().max(MAX_CLIENT_FRAME_BYTES, `a frame is at most ${MAX_CLIENT_FRAME_BYTES} characters`))
      .min(1, 'frames must not be empty')
      .max(MAX_POST_FRAMES, `at most ${MAX_POST_FRAMES} frames per request`),
  })
  .strict();

interface OpenStream {
  stream: SseStream;
  session: ClientSession;
  member: HubMember;
}

const STREAM_HEADERS = {
  'Content-Type': 'text/event-stream; charset=utf-8',
  // no-transform: compression middleware must not buffer the stream
  'Cache-Control': 'no-store, no-transform',
  'X-Accel-Buffering': 'no',
};

export function createSseFeed(options: SseFeedOptions): SseFeed {
  const { hub } = options;
  const maxMs = (options.maxStreamSeconds ?? 280) * 1000;
  const heartbeatMs = options.heartbeatMs ?? 15_000;
  const streams = new Map<string, OpenStream>();
  const watch = options.members ? new MemberWatch(options.members) : undefined;

  /** The signed-in member, or the refusal to answer with (no session, or the session check failed). */
  const signedIn = async (req: Request): Promise<HubMember | Response> => {
    let who: HubMember | null;
    try {
      who = await options.authenticate(req.headers.get('cookie'));
    } catch {
      return refuse(500, 'could not check the session');
    }
    return who ?? refuse(401, 'sign in first');
  };

  return {
    async get(req) {
      if (!streamOriginAllowed(req, options.isAllowedOrigin)) return refuse(403, 'origin not allowed');
      const who = await signedIn(req);
      if (who instanceof Response) return who;
      const id = randomUUID();
      const stream = createSseStream({ id, memberId: who.memberId, heartbeatMs, maxMs, coalesceMs: options.coalesceMs, onEnd: () => ended(id) });
      const session = openClientSession(hub, who, stream.sink, (code, reason) => stream.sink.close(code, reason), options, watch);
      streams.set(id, { stream, session, member: who });
      // the browser went away before this ran: nothing else will end it
      if (stream.ended) ended(id);
      req.signal?.addEventListener('abort', () => stream.sink.close(CLOSE_CODES.goingAway, 'browser gone'));
      return new Response(stream.body, { status: 200, headers: STREAM_HEADERS });
    },

    async post(req) {
      const origin = req.headers.get('origin');
      if (!origin || !options.isAllowedOrigin(origin)) return refuse(403, 'origin not allowed');
      const who = await signedIn(req);
      if (who instanceof Response) return who;
      let text: string | undefined;
      try {
        text = await readBoundedText(req, MAX_POST_BYTES);
      } catch {
        // the browser went away mid-request (a tab navigating off the page): nobody reads this answer
        return refuse(400, 'the request body was cut off');
      }
      if (text === undefined) return refuse(413, `a feed request is at most ${MAX_POST_BYTES} bytes`);
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch {
        return refuse(400, 'body is not JSON');
      }
      const parsed = postBody.safeParse(json);
      if (!parsed.success) return refuse(400, parsed.error.issues.map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; '));
      const open = streams.get(parsed.data.stream);
      // another member's (or another session's) stream reads exactly like one that does not exist
      if (!open || open.member.memberId !== who.memberId || open.member.sessionVersion !== who.sessionVersion || open.member.sessionId !== who.sessionId) {
        // another member steering someone's stream is worth a record; a stream that just ended is not
        if (open && open.member.memberId !== who.memberId) options.onRefused?.(who, 'foreign_stream', { frames: parsed.data.frames.length });
        return refuse(404, 'no open feed stream with that id for this session');
      }
      for (const frame of parsed.data.frames) {
        if (open.stream.ended) break;
        open.session.receive(frame);
      }
      return new Response(null, { status: 204, headers: { 'Cache-Control': 'no-store' } });
    },

    connections: () => streams.size,
    checkMembers: async (memberId) => watch?.check(memberId),
    async close() {
      watch?.stop();
      for (const open of [...streams.values()]) open.stream.sink.close(CLOSE_CODES.goingAway, 'server shutting down');
      streams.clear();
    },
  };

  function ended(id: string): void {
    const open = streams.get(id);
    if (!open) return;
    streams.delete(id);
    open.session.end();
  }
}

/**
 * As `/ws`: a browser origin must be allowed. A same-origin EventSource GET carries no Origin header
 * (Fetch sends one only on cross-origin or non-GET requests), so then the browser's Sec-Fetch-Site must
 * not say the request came from another site; the session cookie is required either way.
 */
function streamOriginAllowed(req: Request, isAllowedOrigin: (origin: string) => boolean): boolean {
  const origin = req.headers.get('origin');
  if (origin) return isAllowedOrigin(origin);
  const site = req.headers.get('sec-fetch-site');
  return site === null || site === 'same-origin';
}

function refuse(status: number, message: string): Response {
  return Response.json({ error: { code: codeFor(status), message } }, { status, headers: { 'Cache-Control': 'no-store' } });
}

function codeFor(status: number): string {
  return { 400: 'bad_request', 401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 413: 'too_large' }[status] ?? 'internal';
}
