import * as z from 'zod/mini';

/**
 * The browser's calls to the desk's JSON API. Same-origin fetch with a JSON body (what the API's
 * origin and content-type checks expect); every failure comes back as a sentence a person can read.
 */

export interface ApiFailure {
  ok: false;
  status: number;
  code: string;
  message: string;
  /** 409 confirmation_required carries the server's preview */
  preview?: unknown;
}
/** The desk's error answer (lib/errors.ts): a code, a sentence for people, and a 409's preview. */
const apiErrorSchema = z.object({
  error: z.object({ code: z.string(), message: z.string(), preview: z.optional(z.unknown()) }),
});

export type ApiResult<T> = { ok: true; status: number; data: T } | ApiFailure;

const NETWORK: Omit<ApiFailure, 'status'> = {
  ok: false,
  code: 'network',
  message: 'The desk did not answer. Check your connection; trying again with the same ticket is safe.',
};

export async function apiCall<T>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, schema: z.ZodMiniType<T>, body?: unknown): Promise<ApiResult<T>> {
  let res: Response;
  try {
    res = await fetch(path, {
      method,
      credentials: 'same-origin',
      cache: 'no-store',
      headers: body === undefined ? { accept: 'application/json' } : { accept: 'application/json', 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    return { ...NETWORK, status: 0 };
  }
  let json: unknown = null;
  try {
    json = await res.json();
  } catch {
    json = null;
  }
  if (!res.ok) {
    const parsed = apiErrorSchema.safeParse(json);
    if (parsed.success) {
      const { code, message, preview } = parsed.data.error;
      return { ok: false, status: res.status, code, message, ...(preview !== undefined ? { preview } : {}) };
    }
    return { ok: false, status: res.status, code: `http_${res.status}`, message: fallbackMessage(res.status) };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) return { ok: false, status: res.status, code: 'bad_response', message: 'The desk sent an answer this page does not understand. Reload the page.' };
  return { ok: true, status: res.status, data: parsed.data };
}

function fallbackMessage(status: number): string {
  if (status === 401) return 'Your session has ended. Sign in again.';
  if (status === 403) return 'Your role does not allow this.';
  if (status === 404) return 'That was not found; it may already be gone.';
  if (status === 429) return 'Too many requests right now. Wait a moment and try again.';
  if (status >= 500) return 'The desk hit a problem. Try again shortly.';
  return `The request failed (HTTP ${status}).`;
}
