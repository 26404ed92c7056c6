/**
 * One HTTP exchange with Kraken's REST API: timeout, transport failures and the `{error, result}` envelope all
 * become either the `result` value or a KrakenError. No retries here (see retry.ts), no signing (private-queue.ts).
 */
import { z } from 'zod';
import { badResponse, httpError, KrakenError, networkError, parseKrakenError, timeoutError } from './errors';

/** The slice of the WHATWG fetch API the client uses; inject a fake in tests. */
export type FetchLike = (
  url: string,
  init: { method: 'GET' | 'POST'; headers: Record<string, string>; body?: string; signal?: AbortSignal },
) => Promise<{ status: number; statusText?: string; text(): Promise<string> }>;

export interface HttpConfig {
  fetch: FetchLike;
  /** Milliseconds to wait for the full response body. */
  timeoutMs: number;
  userAgent: string;
}

const envelopeSchema = z.object({
  error: z.array(z.string()),
  result: z.unknown().optional(),
});

/** A request that was sent; `outcome` settles with Kraken's `result` or rejects with a KrakenError. */
export interface SentRequest {
  outcome: Promise<unknown>;
}

/**
 * Sends one request and reads Kraken's envelope.
 * @param url absolute URL including any query string
 * @param init method, extra headers and (for POST) the exact body that was signed
 */
export function sendKrakenRequest(
  config: HttpConfig,
  url: string,
  init: { method: 'GET' | 'POST'; headers?: Record<string, string>; body?: string },
): SentRequest {
  const controller = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      controller.abort();
      reject(timeoutError(config.timeoutMs));
    }, config.timeoutMs);
  });
  const headers: Record<string, string> = { 'User-Agent': config.userAgent, ...init.headers };
  if (init.body !== undefined) headers['Content-Type'] = 'application/x-www-form-urlencoded; charset=utf-8';
  const exchange = (async () => {
    let status: number;
    let statusText: string | undefined;
    let text: string;
    try {
      const response = await config.fetch(url, { method: init.method, headers, body: init.body, signal: controller.signal });
      status = response.status;
      statusText = response.statusText;
      text = await response.text();
    } catch (error) {
      throw controller.signal.aborted ? timeoutError(config.timeoutMs) : networkError(error);
    }
    if (status < 200 || status >= 300) throw httpError(status, statusText);
    return readEnvelope(text);
  })();
  const outcome = Promise.race([exchange, timedOut]).finally(() => clearTimeout(timer));
  // The loser of the race must not surface as an unhandled rejection.
  exchange.catch(() => undefined);
  timedOut.catch(() => undefined);
  return { outcome };
}

/** Parses Kraken's `{error: string[], result}` envelope; warnings alone do not fail the call. */
export function readEnvelope(text: string): unknown {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (cause) {
    throw badResponse(`body is not JSON: ${text.slice(0, 80)}`, cause);
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) throw badResponse('no {error: string[]} envelope', parsed.error);
  const error = parseKrakenError(parsed.data.error);
  if (error) throw error;
  if (parsed.data.result === undefined) throw badResponse('envelope without result');
  return parsed.data.result;
}

/** Form-encodes parameters in insertion order (`+` becomes `%2B`, as Kraken needs for `+5` offsets). */
export function encodeForm(params: Readonly<Record<string, string | undefined>>): string {
  const form = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined) form.append(key, value);
  return form.toString();
}

/** Joins a base URL and a path without doubling or dropping slashes. */
export function joinUrl(base: string, path: string): string {
  return base.replace(/\/+$/, '') + path;
}

export { KrakenError };
