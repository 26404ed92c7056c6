import { clientMessage, type ClientMessage } from '../../lib/protocol';
import type { UpstreamKey } from './upstream';

/**
 * Browser frame parsing, independent of the transport. A frame that is not JSON text is a protocol
 * violation (the socket is closed); JSON that fails the schema gets an error frame naming the problem.
 */

export type ParsedFrame =
  | { kind: 'message'; message: ClientMessage }
  | { kind: 'invalid'; message: string }
  | { kind: 'garbage'; message: string };

export function parseClientFrame(text: string): ParsedFrame {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { kind: 'garbage', message: 'frame is not JSON' };
  }
  const parsed = clientMessage.safeParse(json);
  if (parsed.success) return { kind: 'message', message: parsed.data };
  return { kind: 'invalid', message: describe(json) };
}

/** A specific reason: zod's union error alone would only say "Invalid input". */
function describe(json: unknown): string {
  if (json === null || typeof json !== 'object' || Array.isArray(json)) return 'expected a JSON object';
  const m = json as Record<string, unknown>;
  if (!['subscribe', 'unsubscribe', 'ping', 'ack'].includes(String(m.op))) return `unknown op ${JSON.stringify(m.op)}`;
  if (m.op === 'ping') return 'ping takes only an optional integer id';
  if (m.op === 'ack') return 'ack takes only bytes, a non-negative integer';
  if (!['book', 'trade', 'ohlc', 'ticker', 'executions', 'balances'].includes(String(m.channel))) {
    return `unknown channel ${JSON.stringify(m.channel)}`;
  }
  if (m.channel !== 'executions' && m.channel !== 'balances' && !/^[A-Z0-9]{1,12}\/[A-Z0-9]{1,12}$/.test(String(m.symbol))) {
    return 'symbol must look like BTC/USD';
  }
  if ('depth' in m && m.channel === 'book') return 'depth must be one of 10, 25, 100, 500, 1000';
  if ('interval' in m && m.channel === 'ohlc') return 'interval must be one of 1, 5, 15, 30, 60, 240, 1440, 10080, 21600';
  return `unexpected fields for ${String(m.channel)}`;
}

/** The hub subscription a browser message names. */
export function keyOf(message: Exclude<ClientMessage, { op: 'ping' | 'ack' }>): UpstreamKey {
  switch (message.channel) {
    case 'book':
      return { channel: 'book', symbol: message.symbol, depth: message.depth };
    case 'ohlc':
      return { channel: 'ohlc', symbol: message.symbol, interval: message.interval };
    case 'trade':
    case 'ticker':
      return { channel: message.channel, symbol: message.symbol };
    default:
      return { channel: message.channel };
  }
}
