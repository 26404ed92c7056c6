import type { ServerMessage } from '../../lib/protocol';

/**
 * One outgoing frame, serialised once and shared by every subscriber: no per-socket JSON or UTF-8 encoding.
 * A quiet socket is sent the Buffer itself; a busy one gets its window's frames joined into one message
 * (coalescer.ts), an SSE stream a `data:` line per frame.
 */
export type Frame = Buffer;

/**
 * Frames are pure ASCII (anything else is written as a JSON `\u` escape), so the length of the text a
 * browser receives equals the bytes the hub sent: its flow-control acks count text (ACK_EVERY_BYTES).
 */
export function encodeFrame(message: ServerMessage): Frame {
  const json = JSON.stringify(message);
  return Buffer.from(Buffer.byteLength(json) === json.length ? json : escapeNonAscii(json), 'latin1');
}

/** Non-ASCII only occurs inside JSON strings, where `\uXXXX` (one per UTF-16 unit) means the same text. */
function escapeNonAscii(json: string): string {
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
