/** Browser side of `GET /api/ohlc`: one page of candle history, validated before the chart sees it. */
import type { OhlcInterval } from '../kraken/rest-public';
import { ohlcResponseSchema, type OhlcResponse } from './ohlc-response';

export interface OhlcPageRequest {
  symbol: string;
  interval: OhlcInterval;
  /** Unix seconds: only candles older than this */
  before?: number;
  signal?: AbortSignal;
}

/** Thrown with the desk's own message when the route answers an error. */
export class OhlcLoadError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = 'OhlcLoadError';
  }
}

export async function fetchOhlcPage(request: OhlcPageRequest, fetchImpl: typeof fetch = fetch): Promise<OhlcResponse> {
  const params = new URLSearchParams({ symbol: request.symbol, interval: String(request.interval) });
  if (request.before !== undefined) params.set('before', String(request.before));
  const response = await fetchImpl(`/api/ohlc?${params}`, { signal: request.signal, headers: { accept: 'application/json' } });
  const body: unknown = await response.json().catch(() => undefined);
  if (!response.ok) {
    const message = (body as { error?: { message?: unknown } } | undefined)?.error?.message;
    throw new OhlcLoadError(typeof message === 'string' ? message : `Candle history failed (HTTP ${response.status}).`, response.status);
  }
  const parsed = ohlcResponseSchema.safeParse(body);
  if (!parsed.success) throw new OhlcLoadError('Candle history came back in an unexpected shape.', response.status);
  return parsed.data;
}
