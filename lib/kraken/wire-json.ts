/**
 * Lossless JSON for Kraken WS v2. The wire prints prices and quantities as JSON numbers with engine precision
 * (`0.10000000`); `JSON.parse` would turn that into `0.1` and break book checksums, and a 64-bit
 * `connection_id` would lose digits. We rewrite the chosen fields' number values into strings before parsing,
 * so callers get the exact text. The inverse, `stringifyWire`, prints chosen values as unquoted numbers with
 * fixed decimals (what the built-in exchange must send). Browser-safe.
 */
import { parseBookFrameFast } from './wire-json-book';
import { isPlainDecimal, numberToPlainDecimal, toFixedDecimal, toPlainDecimal } from './decimal-text';

/** WS v2 fields whose number values are decimal amounts (or too large for a double) and stay text. */
export const WIRE_DECIMAL_FIELDS: readonly string[] = [
  // book, trade, fees[]
  'price', 'qty',
  // ticker
  'bid', 'bid_qty', 'ask', 'ask_qty', 'last', 'volume', 'vwap', 'low', 'high', 'change', 'change_pct',
  // ohlc
  'open', 'close',
  // executions and trading methods
  'order_qty', 'cash_order_qty', 'display_qty', 'limit_price', 'stop_price', 'trigger_price', 'cum_qty',
  'cum_cost', 'avg_price', 'last_qty', 'last_price', 'cost', 'fee_usd_equiv',
  // balances
  'balance', 'amount', 'fee',
  // instrument
  'qty_increment', 'qty_min', 'price_increment', 'tick_size', 'cost_min', 'margin_initial',
  'collateral_value', 'margin_rate',
  // status: uint64
  'connection_id',
];

const NUMBER = String.raw`-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?`;
const HAS_EXPONENT = /\d[eE][+-]?\d/;

/** A compiled parser for one set of text fields; reuse it, building the regex is the only setup cost. */
export interface WireJsonParser {
  /** Parses JSON text; number values of the chosen fields come back as plain decimal strings. Throws SyntaxError. */
  parse(text: string): unknown;
  /** The rewritten JSON text (for tests and debugging). */
  quote(text: string): string;
}

/**
 * Builds a parser that keeps the text of number values for the given field names.
 * @param fields JSON object keys whose number values must stay text
 */
export function createWireJsonParser(fields: readonly string[] = WIRE_DECIMAL_FIELDS): WireJsonParser {
  for (const f of fields) {
    if (!/^[A-Za-z0-9_]+$/.test(f)) throw new RangeError(`field names must be [A-Za-z0-9_]: ${f}`);
  }
  // Inside a JSON string every `"` is escaped, so `"name":<number>` can only match a real key/value pair.
  const pattern = new RegExp(`"(${fields.join('|')})"\\s*:\\s*(${NUMBER})(?=\\s*[,}\\]])`, 'g');
  const quote = (text: string): string => {
    if (!HAS_EXPONENT.test(text)) return text.replace(pattern, '"$1":"$2"');
    return text.replace(pattern, (_m, key: string, num: string) => `"${key}":"${toPlainDecimal(num) ?? num}"`);
  };
  return { quote, parse: (text) => JSON.parse(quote(text)) as unknown };
}

const defaultParser = createWireJsonParser();

/** Parses a WS v2 frame keeping `WIRE_DECIMAL_FIELDS` as decimal text (`"0.10000000"`). Throws SyntaxError. */
export function parseWireJson(text: string): unknown {
  // book frames dominate the traffic; their compact layout has a dedicated scanner (same result)
  if (text.charCodeAt(12) === 98 && text.startsWith('{"channel":"book"')) {
    const fast = parseBookFrameFast(text);
    if (fast !== undefined) return fast;
  }
  return defaultParser.parse(text);
}

const RAW_OPEN = '\uE000';
const RAW_CLOSE = '\uE001';
const RAW_PATTERN = /"\uE000(-?\d+(?:\.\d+)?)\uE001"/g;
let rawEmitted = 0;

/** A number to be written unquoted with exactly the given text, e.g. `0.10000000`. Build with `rawNumber`. */
export class RawNumber {
  private constructor(readonly text: string) {}

  /** @internal used by rawNumber only */
  static of(text: string): RawNumber {
    return new RawNumber(text);
  }

  /** JSON.stringify calls this; stringifyWire turns the marker back into a bare number. */
  toJSON(): string {
    rawEmitted++;
    return RAW_OPEN + this.text + RAW_CLOSE;
  }
}

/**
 * Marks a value to be written as a bare JSON number by `stringifyWire`.
 * @param value decimal text or number (scientific notation accepted)
 * @param decimals when given, the number is rounded/padded to exactly this many decimals
 */
export function rawNumber(value: string | number, decimals?: number): RawNumber {
  const text =
    decimals !== undefined
      ? toFixedDecimal(value, decimals)
      : typeof value === 'number'
        ? numberToPlainDecimal(value)
        : toPlainDecimal(value.trim());
  if (text === undefined || !isPlainDecimal(text)) throw new RangeError(`not a decimal number: ${JSON.stringify(value)}`);
  return RawNumber.of(text);
}

/**
 * JSON.stringify where every `RawNumber` (see `rawNumber`) is written as a bare number with its exact text,
 * e.g. `{"price":45285.2,"qty":0.10000000}`.
 */
export function stringifyWire(value: unknown): string {
  const before = rawEmitted;
  const text = JSON.stringify(value);
  const emitted = rawEmitted - before;
  if (emitted === 0 && !text.includes(RAW_OPEN)) return text;
  let replaced = 0;
  const out = text.replace(RAW_PATTERN, (_m, num: string) => {
    replaced++;
    return num;
  });
  // A user string shaped exactly like our marker would have been unquoted too; redo it the careful way.
  return replaced === emitted ? out : stringifyEscapingMarkers(value);
}

function stringifyEscapingMarkers(value: unknown): string {
  // toJSON runs before the replacer, so look at the holder to tell our markers from user strings
  const text = JSON.stringify(value, function (this: Record<string, unknown>, key: string, v: unknown) {
    return typeof v === 'string' && !(this[key] instanceof RawNumber) ? v.replaceAll(RAW_OPEN, RAW_OPEN + RAW_OPEN) : v;
  });
  return text.replace(RAW_PATTERN, '$1').replaceAll(RAW_OPEN + RAW_OPEN, '\\ue000');
}

/**
 * JSON text where the named fields are written as bare numbers with fixed decimals, wherever they occur.
 * `serializeWithRawNumbers({price: "1.5"}, {price: 2})` → `{"price":1.50}`.
 * @param decimalsByField field name → digits after the point
 */
export function serializeWithRawNumbers(value: unknown, decimalsByField: Readonly<Record<string, number>>): string {
  return stringifyWire(markFields(value, decimalsByField));
}

function markFields(value: unknown, decimalsByField: Readonly<Record<string, number>>): unknown {
  if (Array.isArray(value)) return value.map((v) => markFields(v, decimalsByField));
  if (value === null || typeof value !== 'object' || Object.getPrototypeOf(value) !== Object.prototype) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const decimals = Object.hasOwn(decimalsByField, key) ? decimalsByField[key] : undefined;
    out[key] =
      decimals !== undefined && (typeof v === 'string' || typeof v === 'number')
        ? rawNumber(v, decimals)
        : markFields(v, decimalsByField);
  }
  return out;
}
