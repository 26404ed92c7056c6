/**
 * Fast path of parseWireJson for the hottest frame, a WS v2 book message in Kraken's exact layout:
 * `{"channel":"book","type":"update","data":[{"symbol":"BTC/USD","bids":[{"price":1.0,"qty":2.0}],
 * "asks":[…],"checksum":123,"timestamp":"…"}]}`. One scan, no regex, no JSON.parse, numbers kept as text.
 * Anything else (other key order, whitespace, escapes, extra fields) returns undefined and the caller
 * falls back to the general parser, so the result is always identical to it. Browser-safe.
 */
import { toPlainDecimal } from './decimal-text';

interface Level {
  price: string;
  qty: string;
}

let text = '';
let pos = 0;

/** Parses a compact book frame; undefined when the text is not in the expected layout. */
export function parseBookFrameFast(input: string): unknown {
  text = input;
  pos = 0;
  const type = input.startsWith(UPDATE_HEAD) ? 'update' : input.startsWith(SNAPSHOT_HEAD) ? 'snapshot' : undefined;
  if (type === undefined) return undefined;
  pos = type === 'update' ? UPDATE_HEAD.length : SNAPSHOT_HEAD.length;
  const data: Record<string, unknown>[] = [];
  for (;;) {
    const entry = entryAt();
    if (entry === undefined) return undefined;
    data.push(entry);
    if (eat(',{')) continue;
    if (!eat(']}') || pos !== input.length) return undefined;
    return { channel: 'book', type, data };
  }
}

const UPDATE_HEAD = '{"channel":"book","type":"update","data":[{';
const SNAPSHOT_HEAD = '{"channel":"book","type":"snapshot","data":[{';

/** `"symbol":"…","bids":[…],"asks":[…],"checksum":N(,"timestamp":"…")?}` — the `{` is already consumed. */
function entryAt(): Record<string, unknown> | undefined {
  if (!eat('"symbol":"')) return undefined;
  const symbol = plainString();
  if (symbol === undefined || !eat(',"bids":[')) return undefined;
  const bids = levels();
  if (bids === undefined || !eat(',"asks":[')) return undefined;
  const asks = levels();
  if (asks === undefined || !eat(',"checksum":')) return undefined;
  const checksumText = number();
  if (checksumText === undefined) return undefined;
  const checksum = Number(checksumText);
  if (eat('}')) return { symbol, bids, asks, checksum };
  if (!eat(',"timestamp":"')) return undefined;
  const timestamp = plainString();
  if (timestamp === undefined || !eat('}')) return undefined;
  return { symbol, bids, asks, checksum, timestamp };
}

/** Levels after `[` up to and including `]`. */
function levels(): Level[] | undefined {
  const out: Level[] = [];
  if (eat(']')) return out;
  for (;;) {
    if (!eat('{"price":')) return undefined;
    const price = number();
    if (price === undefined || !eat(',"qty":')) return undefined;
    const qty = number();
    if (qty === undefined || !eat('}')) return undefined;
    out.push({ price, qty });
    if (eat(',')) continue;
    return eat(']') ? out : undefined;
  }
}

function eat(token: string): boolean {
  if (!text.startsWith(token, pos)) return false;
  pos += token.length;
  return true;
}

/** String body after the opening quote, through the closing quote; no escapes allowed on the fast path. */
function plainString(): string | undefined {
  const start = pos;
  for (; pos < text.length; pos++) {
    const c = text.charCodeAt(pos);
    if (c === 34) return text.slice(start, pos++);
    if (c === 92 || c < 32) return undefined;
  }
  return undefined;
}

/** A JSON number as plain decimal text (exponents expanded), per JSON's grammar. */
function number(): string | undefined {
  const start = pos;
  if (text.charCodeAt(pos) === 45) pos++;
  const intStart = pos;
  while (isDigit(text.charCodeAt(pos))) pos++;
  const intLength = pos - intStart;
  if (intLength === 0 || (intLength > 1 && text.charCodeAt(intStart) === 48)) return undefined;
  if (text.charCodeAt(pos) === 46) {
    pos++;
    const fracStart = pos;
    while (isDigit(text.charCodeAt(pos))) pos++;
    if (pos === fracStart) return undefined;
  }
  const c = text.charCodeAt(pos);
  if (c !== 101 && c !== 69) return text.slice(start, pos);
  pos++;
  const sign = text.charCodeAt(pos);
  if (sign === 43 || sign === 45) pos++;
  const expStart = pos;
  while (isDigit(text.charCodeAt(pos))) pos++;
  if (pos === expStart) return undefined;
  return toPlainDecimal(text.slice(start, pos));
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}
