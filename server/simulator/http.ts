/**
 * HTTP plumbing of the exchange: bounded body reading, parameter decoding (query, form or JSON body),
 * JSON answers and the loopback check that guards /control.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Request bodies above this are refused (Kraken requests are a few hundred bytes). */
export const MAX_BODY_BYTES = 64 * 1024;

export class BodyTooLargeError extends Error {
  constructor() {
    super('request body too large');
    this.name = 'BodyTooLargeError';
  }
}

/** Reads the whole body as UTF-8 text; rejects with BodyTooLargeError past `limit` bytes. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new BodyTooLargeError());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new BodyTooLargeError());
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (error) => {
      if (!failed) reject(error);
      failed = true;
    });
  });
}

export class BadParamsError extends Error {}

/**
 * Query string plus body parameters (form-encoded or JSON object) as text; the first value of a name wins.
 * JSON numbers and booleans become their text, arrays a comma list.
 */
export function decodeParams(query: URLSearchParams, body: string, contentType: string | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  const put = (key: string, value: string) => {
    if (!Object.hasOwn(params, key)) params[key] = value;
  };
  for (const [key, value] of query) put(key, value);
  const text = body.trim();
  if (text === '') return params;
  if ((contentType ?? '').includes('application/json') || text.startsWith('{')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new BadParamsError('body is not valid JSON');
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) throw new BadParamsError('JSON body must be an object');
    for (const [key, value] of Object.entries(parsed)) {
      if (value === null || value === undefined) continue;
      if (Array.isArray(value)) put(key, value.map(String).join(','));
      else if (typeof value === 'object') throw new BadParamsError(`unsupported value for ${key}`);
      else put(key, String(value));
    }
    return params;
  }
  for (const [key, value] of new URLSearchParams(text)) put(key, value);
  return params;
}

export function sendJson(res: ServerResponse, status: number, body: unknown, extraHeaders: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    ...extraHeaders,
  });
  res.end(text);
}

/** True only for this machine's own addresses (127.0.0.1, ::1 and the IPv4-mapped form). */
export function isLoopbackPeer(address: string | undefined): boolean {
  return address === '127.0.0.1' || address === '::1' || address === '::ffff:127.0.0.1';
}
