/**
 * Requests in flight on one socket, correlated by `req_id` (Kraken v2 failure acks may lack `channel` and
 * `result`, so req_id is the only reliable link). Internal to ws-client.ts. Browser-safe.
 */
import { stringifyWire, rawNumber, WIRE_DECIMAL_FIELDS } from './wire-json';
import type { WsResponse } from './ws-schemas';

export interface PendingRequest {
  method: string;
  /** called for every response with this req_id; returns true when the request is complete */
  onResponse(response: WsResponse): boolean;
  /** the socket went away before completion */
  onLost(): void;
}

export class RequestTable {
  private readonly pending = new Map<number, PendingRequest>();
  private nextId = 1;

  /** Registers a request and returns its req_id. */
  add(request: PendingRequest): number {
    const id = this.nextId++;
    this.pending.set(id, request);
    return id;
  }

  has(reqId: number): boolean {
    return this.pending.has(reqId);
  }

  remove(reqId: number): void {
    this.pending.delete(reqId);
  }

  /** Routes a response; false when no request waits for this req_id (late or foreign responses). */
  dispatch(response: WsResponse): boolean {
    if (response.req_id === undefined) return false;
    const request = this.pending.get(response.req_id);
    if (!request) return false;
    if (request.onResponse(response)) this.pending.delete(response.req_id);
    return true;
  }

  /** Every in-flight request learns that its socket is gone. */
  loseAll(): void {
    const lost = [...this.pending.values()];
    this.pending.clear();
    for (const request of lost) request.onLost();
  }
}

const DECIMAL_KEYS: ReadonlySet<string> = new Set(WIRE_DECIMAL_FIELDS);
const DECIMAL_TEXT = /^-?\d+(\.\d+)?$/;

/**
 * Serialises an outbound request. v2 wants numbers, not strings, for prices and quantities; decimal text
 * under a decimal field name (`order_qty: "0.0010"`) is written as a bare number with its exact digits.
 */
export function encodeRequest(method: string, params: Record<string, unknown> | undefined, reqId: number): string {
  const body: Record<string, unknown> = { method };
  if (params !== undefined) body.params = markDecimals(params);
  body.req_id = reqId;
  return stringifyWire(body);
}

function markDecimals(value: unknown, key?: string): unknown {
  if (typeof value === 'string' && key !== undefined && DECIMAL_KEYS.has(key) && DECIMAL_TEXT.test(value)) return rawNumber(value);
  if (Array.isArray(value)) return value.map((v) => markDecimals(v));
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = markDecimals(v, k);
    return out;
  }
  return value;
}
