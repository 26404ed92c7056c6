import { CLOSE_CODES, subscriptionKey } from '../../lib/protocol';
import type { Role } from '../../lib/auth/roles';
import { canReadPrivate, type HubMember, type PrivateChannelName } from './access';
import { keyOf, parseClientFrame } from './client-frames';
import type { Sink } from './connection';
import { FrameBudget } from './frame-budget';
import { encodeFrame } from './frames';
import type { Hub } from './hub';
import type { MemberWatch } from './member-watch';

/**
 * One browser connection's side of the protocol, whatever carries it (a `/ws` socket or an SSE stream plus
 * POSTs): frame budgets, schema checks, acks, pings, subscribe/unsubscribe with the private-channel policy,
 * and the member watch. Both transports call this, so they judge browsers identically.
 */

export interface ClientRules {
  /** schema-invalid frames tolerated (each answered with an error frame) before the connection is closed */
  maxInvalidFrames?: number;
  /** inbound frames a connection may send in a burst, and per second after that; beyond, it is closed */
  frameBurst?: number;
  framesPerSecond?: number;
  /** flow-control acks have their own budget: a fast reader acks every ACK_EVERY_BYTES it handles */
  ackBurst?: number;
  acksPerSecond?: number;
  /** private-channel policy; defaults to the explicit table in access.ts */
  canRead?: (role: Role, channel: PrivateChannelName) => boolean;
}

export interface ClientSession {
  /** Handles one browser frame (its text); protocol violations close the connection through `close`. */
  receive(text: string): void;
  /** The transport ended: detaches from the hub and the member watch. */
  end(): void;
}

/**
 * Connects `sink` to the hub for `member`. `close` ends the transport with a code the browser reads
 * (the transport must then call `end()`).
 */
export function openClientSession(
  hub: Hub,
  member: HubMember,
  sink: Sink,
  close: (code: number, reason: string) => void,
  rules: ClientRules,
  watch: MemberWatch | undefined,
): ClientSession {
  const canRead = rules.canRead ?? canReadPrivate;
  const maxInvalid = rules.maxInvalidFrames ?? 10;
  const conn = hub.connect(sink);
  let invalid = 0;
  const budget = new FrameBudget(rules.frameBurst ?? 200, rules.framesPerSecond ?? 20);
  const ackBudget = new FrameBudget(rules.ackBurst ?? 400, rules.acksPerSecond ?? 200);
  const reply = (code: string, message: string) => conn.sendDirect(encodeFrame({ type: 'error', code, message }));
  /** private channels this connection reads, so a role change can take away what the new role may not see */
  const readsPrivate = new Set<PrivateChannelName>();
  const watched = {
    memberId: member.memberId,
    sessionVersion: member.sessionVersion,
    sessionId: member.sessionId,
    role: member.role,
    revoke(reason: string) {
      conn.close(); // not one more private frame
      close(CLOSE_CODES.unauthorized, reason);
    },
    // The session itself is still valid, so the connection stays: only what the new role may not read goes,
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

  return {
    receive(text) {
      const parsed = parseClientFrame(text);
      if (!(parsed.kind === 'message' && parsed.message.op === 'ack' ? ackBudget : budget).take()) {
        return close(CLOSE_CODES.badFrame, 'too many frames');
      }
      if (parsed.kind === 'garbage') return close(CLOSE_CODES.badFrame, parsed.message);
      if (parsed.kind === 'invalid') {
        if (++invalid > maxInvalid) return close(CLOSE_CODES.badFrame, 'too many invalid frames');
        return reply('bad_request', parsed.message);
      }
      const message = parsed.message;
      if (message.op === 'ack') {
        if (!conn.ack(message.bytes)) close(CLOSE_CODES.badFrame, 'ack does not match the bytes sent');
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
    },
    end() {
      unwatch?.();
      conn.close();
    },
  };
}
