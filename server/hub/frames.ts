import type { ServerMessage } from '../../lib/protocol';

/**
 * One outgoing message, serialised once and shared by every subscriber: the ws transport sends the same
 * Buffer to each socket (no per-socket JSON or UTF-8 encoding), an SSE route can write it as-is.
 */
export type Frame = Buffer;

export function encodeFrame(message: ServerMessage): Frame {
  return Buffer.from(JSON.stringify(message), 'utf8');
}
