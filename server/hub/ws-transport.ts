import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CLOSE_CODES, MAX_CLIENT_FRAME_BYTES } from '../../lib/protocol';
import type { HubMember } from './access';
import { openClientSession, type ClientRules } from './client-session';
import { coalescingSink, DEFAULT_COALESCE_MS, hubClock, joinFrames } from './coalescer';
import type { Hub } from './hub';
import { MemberWatch, type MemberWatchOptions } from './member-watch';

/**
 * Adapts browser WebSockets (`ws`, noServer) to hub sinks: authenticates the upgrade, checks Origin,
 * validates every frame, keeps sockets alive with protocol pings, and sends a busy socket's frames coalesced
 * (one message per window, coalescer.ts). All market logic lives in the hub.
 */

export interface WsUpgradeOptions extends ClientRules {
  hub: Hub;
  /** the member behind the request's session cookie, or null */
  authenticate(req: IncomingMessage): Promise<HubMember | null>;
  isAllowedOrigin(origin: string): boolean;
  /** protocol ping period; a socket that has not answered the previous ping is terminated (ms) */
  pingIntervalMs?: number;
  /** how long a closing socket may take to finish the close handshake before it is cut (ms) */
  closeGraceMs?: number;
  /**
   * A busy socket's frames within this window go out as one message (coalescer.ts); a frame after a
   * quiet window goes at once. 0 sends every frame as its own message (ms, default DEFAULT_COALESCE_MS).
   */
  coalesceMs?: number;
  /**
   * Keeps sockets in step with their members' rows (see member-watch.ts): revoked sessions are closed with
   * CLOSE_CODES.unauthorized, role changes re-authorise private subscriptions. Without it nothing is rechecked.
   */
  members?: MemberWatchOptions;
}

export type WsUpgradeHandler = ((req: IncomingMessage, socket: Duplex, head: Buffer) => void) & {
  /** open browser sockets */
  connections(): number;
  /** Looks at one member's row now (or every member with a socket) and applies any change to their sockets. */
  checkMembers(memberId?: number): Promise<void>;
  /** Stops pinging and closes every socket with `goingAway`. */
  close(): Promise<void>;
};

export function createWsUpgradeHandler(options: WsUpgradeOptions): WsUpgradeHandler {
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CLIENT_FRAME_BYTES,
    perMessageDeflate: false,
    clientTracking: false,
  });
  const alive = new Map<WebSocket, boolean>();
  const watch = options.members ? new MemberWatch(options.members) : undefined;
  const heartbeat = startHeartbeat(alive, options.pingIntervalMs ?? 15_000);
  const closeSocket = socketCloser(options.closeGraceMs ?? 1000);
  const attach = (ws: WebSocket, member: HubMember) => attachSocket(ws, member, { options, alive, watch, closeSocket });

  const handler = ((req: IncomingMessage, socket: Duplex, head: Buffer) => {
    admitUpgrade(req, socket, options, (member) => wss.handleUpgrade(req, socket, head, (ws) => attach(ws, member)));
  }) as WsUpgradeHandler;

  handler.connections = () => alive.size;
  handler.checkMembers = async (memberId) => watch?.check(memberId);
  handler.close = async () => {
    clearInterval(heartbeat);
    watch?.stop();
    for (const ws of alive.keys()) {
      ws.close(CLOSE_CODES.goingAway, 'server shutting down');
      ws.terminate();
    }
    alive.clear();
    await new Promise<void>((resolve) => wss.close(() => resolve()));
  };
  return handler;
}

/** Origin first (no session lookup for a foreign page), then the session cookie; answers 403/401/500 on the raw socket. */
function admitUpgrade(req: IncomingMessage, socket: Duplex, options: WsUpgradeOptions, admit: (member: HubMember) => void): void {
  socket.on('error', () => socket.destroy());
  const origin = req.headers.origin;
  if (!origin || !options.isAllowedOrigin(origin)) return rejectUpgrade(socket, 403, 'origin not allowed');
  options.authenticate(req).then(
    (member) => {
      if (socket.destroyed) return;
      if (!member) return rejectUpgrade(socket, 401, 'sign in first');
      admit(member);
    },
    () => rejectUpgrade(socket, 500, 'could not check the session'),
  );
}

/** Protocol pings every `intervalMs`; a socket that has not answered the previous ping is terminated. */
function startHeartbeat(alive: Map<WebSocket, boolean>, intervalMs: number): NodeJS.Timeout {
  const heartbeat = setInterval(() => {
    for (const [ws, answered] of alive) {
      if (!answered) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, intervalMs);
  heartbeat.unref();
  return heartbeat;
}

type SocketCloser = (ws: WebSocket, code: number, reason: string) => void;

function socketCloser(graceMs: number): SocketCloser {
  return (ws, code, reason) => {
    ws.close(code, reason);
    // a stalled reader never completes the handshake; its queued bytes are freed when we cut it
    setTimeout(() => ws.terminate(), graceMs).unref();
  };
}

/** One admitted browser socket: a hub sink, its client session, and the socket's events wired to them. */
function attachSocket(
  ws: WebSocket,
  member: HubMember,
  ctx: { options: WsUpgradeOptions; alive: Map<WebSocket, boolean>; watch: MemberWatch | undefined; closeSocket: SocketCloser },
): void {
  const { options, alive, closeSocket } = ctx;
  alive.set(ws, true);
  // a busy socket's frames go out coalesced, one message per window; every close goes through the sink,
  // so what was sent before it (an error, the last updates) reaches the browser before the close frame
  const sink = coalescingSink(
    {
      memberId: member.memberId,
      write(frames) {
        if (ws.readyState === ws.OPEN) ws.send(joinFrames(frames), { binary: false });
      },
      bufferedBytes: () => ws.bufferedAmount,
      close: (code, reason) => closeSocket(ws, code, reason),
    },
    options.coalesceMs ?? DEFAULT_COALESCE_MS,
    hubClock,
  );
  const close = (code: number, reason: string) => sink.close(code, reason);
  const session = openClientSession(options.hub, member, sink, close, options, ctx.watch);
  ws.on('message', (data: RawData, isBinary: boolean) => {
    if (isBinary) return close(CLOSE_CODES.badFrame, 'binary frames are not accepted');
    session.receive(rawText(data));
  });
  ws.on('pong', () => alive.set(ws, true));
  // ws reports oversized frames (and closes with 1009 itself) and socket errors here; never fatal
  ws.on('error', () => undefined);
  ws.on('close', () => {
    sink.stop();
    alive.delete(ws);
    session.end();
  });
}

function rawText(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

/** Answers on the raw socket before any upgrade, so the browser sees a plain HTTP status. */
function rejectUpgrade(socket: Duplex, status: number, message: string): void {
  if (socket.destroyed) return;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
      'Connection: close\r\nContent-Type: text/plain; charset=utf-8\r\n' +
      `Content-Length: ${Buffer.byteLength(message)}\r\n\r\n${message}`,
  );
}
