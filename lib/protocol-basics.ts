/**
 * The zod-free part of the hub ⇄ browser protocol (lib/protocol.ts re-exports all of it): the constants and
 * the subscription key every page's feed code needs at once. The schemas that validate frames live in
 * lib/protocol.ts, which the browser's feed client loads when it first connects, so they stay out of
 * every page's first load.
 */

export const BOOK_DEPTHS = [10, 25, 100, 500, 1000] as const;
export const OHLC_INTERVALS = [1, 5, 15, 30, 60, 240, 1440, 10080, 21600] as const;
/** Frames larger than this from a browser close the socket with CLOSE_CODES.tooBig. */
export const MAX_CLIENT_FRAME_BYTES = 4096;

/**
 * Flow control: a browser acknowledges the bytes of hub frames it has handled, at least every this many
 * bytes, so the hub sees a slow reader at once instead of after megabytes of kernel socket buffers.
 * Hub frames are ASCII, so a frame's text length is its byte length. Over SSE each ack is an HTTP request
 * (through Next, a session read too), so this is as large as the hub's low water mark allows: it must stay
 * below DEFAULT_FLOW_LIMITS.lowWaterBytes, or a caught-up reader's unacknowledged bytes could keep an owed
 * snapshot waiting for an ack that never comes (server/hub/connection.ts).
 */
export const ACK_EVERY_BYTES = 64 * 1024;

/**
 * Hub → browser messages carry one or more frames: the hub coalesces a busy connection's frames into one
 * WebSocket message (or SSE event) per display frame, since each message costs the browser a main-thread
 * task of its own. Frames are separated by a newline, which JSON.stringify never writes (a newline inside
 * a string is escaped as `\n`). Acks count frame bytes only, never the separators.
 */
export const FRAME_SEPARATOR = '\n';

/** The frames one hub message carries, in the order the hub sent them. */
export function splitFrames(message: string): string[] {
  return message.split(FRAME_SEPARATOR);
}

/** Close codes the hub uses; documented so browsers can tell a policy close from a network drop. */
export const CLOSE_CODES = {
  /** session expired or revoked: sign in again */
  unauthorized: 4401,
  /** role does not allow what was asked */
  forbidden: 4403,
  /** frame not valid JSON or not a known message */
  badFrame: 4400,
  /** frame larger than MAX_CLIENT_FRAME_BYTES */
  tooBig: 1009,
  /** the browser fell too far behind (buffered or unacknowledged bytes above the hard cap) */
  tooSlow: 4408,
  /** server shutting down */
  goingAway: 1001,
} as const;

/** A stable key for one subscription, e.g. `book:BTC/USD:10`, `ohlc:ETH/USD:60`, `trade:SOL/USD`. */
export function subscriptionKey(m: { channel: string; symbol?: string; depth?: number; interval?: number }): string {
  const extra = m.channel === 'book' ? `:${m.depth ?? 10}` : m.channel === 'ohlc' ? `:${m.interval ?? 1}` : '';
  return m.symbol ? `${m.channel}:${m.symbol}${extra}` : m.channel;
}
