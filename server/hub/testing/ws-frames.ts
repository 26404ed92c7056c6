import type { RawData } from 'ws';
import { splitFrames } from '../../../lib/protocol';

/** The hub frames one `/ws` message carries (the hub coalesces a busy socket's frames), parsed, in order. */
export function framesOf(data: RawData): Array<Record<string, unknown>> {
  return splitFrames(textOf(data)).map((frame) => JSON.parse(frame) as Record<string, unknown>);
}

/** Bytes of the frames one message carries, as the hub counts them for acks (separators excluded). */
export function frameBytesOf(data: RawData): number {
  return splitFrames(textOf(data)).reduce((n, frame) => n + frame.length, 0);
}

function textOf(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('latin1');
  if (Array.isArray(data)) return Buffer.concat(data).toString('latin1');
  return Buffer.from(data).toString('latin1');
}
