import type { IncomingMessage } from 'node:http';
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { CLOSE_CODES, MAX_CLIENT_FRAME_BYTES, subscriptionKey } from '../../lib/protocol';
import { canReadPrivate, type HubMember, type PrivateChannelName, type Role } from './access';
import { keyOf, parseClientFrame } from './client-frames';
import type { Sink } from './connection';
import { FrameBudget } from './frame-budget';
import { encodeFrame } from './frames';
import type { Hub } from './hub';
import { MemberWatch, type MemberWatchOptions } from './member-watch';

/**
 * Adapts browser WebSockets (`ws`, noServer) to hub sinks: authenticates the upgrade, checks Origin,
 * validates every frame, keeps sockets alive with protocol pings. All market logic lives in the hub.
 */

export interface WsUpgradeOptions {
  hub: Hub;
  /** the member behind the request's session cookie, or null */
  authenticate(req: IncomingMessage): Promise<HubMember | null>;
  isAllowedOrigin(origin: string): boolean;
  /** protocol ping period; a socket that has not answered the previous ping is terminated (ms) */
  pingIntervalMs?: number;
  /** schema-invalid frames tolerated (each answered with an error frame) before the socket is closed */
  maxInvalidFrames?: number;
  /** inbound frames a socket may send in a burst, and per second after that; beyond, it is closed */
  frameBurst?: number;
  framesPerSecond?: number;
  /** flow-control acks have their own budget: a fast reader acks every ACK_EVERY_BYTES it handles */
  ackBurst?: number;
  acksPerSecond?: number;
  /** private-channel policy; defaults to the explicit table in access.ts */
  canRead?: (role: Role, channel: PrivateChannelName) => boolean;
  /** how long a closing socket may take to finish the close handshake before it is cut (ms) */
  closeGraceMs?: number;
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
  const { hub } = options;
  const canRead = options.canRead ?? canReadPrivate;
  const maxInvalid = options.maxInvalidFrames ?? 10;
  const closeGraceMs = options.closeGraceMs ?? 1000;
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: MAX_CLIENT_FRAME_BYTES,
    perMessageDeflate: false,
    clientTracking: false,
  });
  const alive = new Map<WebSocket, boolean>();
  const watch = options.members ? new MemberWatch(options.members) : undefined;

  const heartbeat = setInterval(() => {
    for (const [ws, answered] of alive) {
      if (!answered) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, options.pingIntervalMs ?? 15_000);
  heartbeat.unref();

  const closeSocket = (ws: WebSocket, code: number, reason: string) => {
    ws.close(code, reason);
    // a stalled reader never completes the handshake; its queued bytes are freed when we cut it
    setTimeout(() => ws.terminate(), closeGraceMs).unref();
  };

  const attach = (ws: WebSocket, member: HubMember) => {
    alive.set(ws, true);
    const sink: Sink = {
      memberId: member.memberId,
      send(frame) {
        if (ws.readyState === ws.OPEN) ws.send(frame, { binary: false });
      },
      bufferedBytes: () => ws.bufferedAmount,
      close: (code, reason) => closeSocket(ws, code, reason),
    };
    const conn = hub.connect(sink);
    let invalid = 0;
    const budget = new FrameBudget(options.frameBurst ?? 200, options.framesPerSecond ?? 20);
    const ackBudget = new FrameBudget(options.ackBurst ?? 400, options.acksPerSecond ?? 200);
    const reply = (code: string, message: string) => conn.sendDirect(encodeFrame({ type: 'error', code, message }));
    /** private channels this socket reads, so a role change can take away what the new role may not see */
    const readsPrivate = new Set<PrivateChannelName>();
    const watched = {
      memberId: member.memberId,
      sessionVersion: member.sessionVersion,
      role: member.role,
      revoke(reason: string) {
        conn.close(); // not one more private frame
        closeSocket(ws, CLOSE_CODES.unauthorized, reason);
      },
      // The session itself is still valid, so the socket stays: only what the new role may not read goes,
      // each with the same `forbidden` error a fresh subscribe would get (the browser routes it by key).
      reauthorise(role: Role) {
        watched.role = role;
        for (const channel of [...readsPrivate]) {
          if (canRead(role, channel)) continue;
          readsPrivate.delete(channel);
          conn.unsubscribe({ channel });
          reply('forbidden', `${channel}: role ${role} may not read ${channel}`);
        }
      },
    };
    const unwatch = watch?.add(watched);

    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (isBinary) return closeSocket(ws, CLOSE_CODES.badFrame, 'binary frames are not accepted');
      const parsed = parseClientFrame(rawText(data));
      if (!(parsed.kind === 'message' && parsed.message.op === 'ack' ? ackBudget : budget).take()) {
        return closeSocket(ws, CLOSE_CODES.badFrame, 'too many frames');
      }
      if (parsed.kind === 'garbage') return closeSocket(ws, CLOSE_CODES.badFrame, parsed.message);
      if (parsed.kind === 'invalid') {
        if (++invalid > maxInvalid) return closeSocket(ws, CLOSE_CODES.badFrame, 'too many invalid frames');
        return reply('bad_request', parsed.message);
      }
      const message = parsed.message;
      if (message.op === 'ack') {
        if (!conn.ack(message.bytes)) closeSocket(ws, CLOSE_CODES.badFrame, 'ack does not match the bytes sent');
        return;
      }
      if (message.op === 'ping') {
        return conn.sendDirect(encodeFrame({ type: 'pong', ...(message.id !== undefined ? { id: message.id } : {}) }));
      }
      const key = keyOf(message);
      const isPrivate = key.channel === 'executions' || key.channel === 'balances';
      if (message.op === 'unsubscribe') {
        if (isPrivate) readsPrivate.delete(key.channel);
        return conn.unsubscribe(key);
      }
      // errors about one subscription start with its key, so the browser can route them to its owner
      const id = subscriptionKey(key);
      if (isPrivate && !canRead(watched.role, key.channel)) {
        return reply('forbidden', `${id}: role ${watched.role} may not read ${key.channel}`);
      }
      const outcome = conn.subscribe(key);
      if (!outcome.ok) reply(outcome.code, `${id}: ${outcome.message}`);
      else if (isPrivate) readsPrivate.add(key.channel);
    });
    ws.on('pong', () => alive.set(ws, true));
    // ws reports oversized frames (and closes with 1009 itself) and socket errors here; never fatal
    ws.on('error', () => undefined);
    ws.on('close', () => {
      alive.delete(ws);
      unwatch?.();
      conn.close();
    });
  };

  const handler = ((req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const origin = req.headers.origin;
    if (!origin || !options.isAllowedOrigin(origin)) return rejectUpgrade(socket, 403, 'origin not allowed');
    options.authenticate(req).then(
      (member) => {
        if (socket.destroyed) return;
        if (!member) return rejectUpgrade(socket, 401, 'sign in first');
        wss.handleUpgrade(req, socket, head, (ws) => attach(ws, member));
      },
      () => rejectUpgrade(socket, 500, 'could not check the session'),
    );
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
