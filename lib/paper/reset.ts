/**
 * The paper account's admin controls, reached through the built-in exchange's loopback control endpoint (only in
 * paper mode: the desk's REST URL is then the paper exchange on this machine, lib/env.ts). The reset is audited
 * as an intent row before the call and its result after, like every other call that changes the account.
 */
import { z } from 'zod';
import { auditedCall, type Actor } from '../audit/events';
import type { AuditRepository } from '../db/audit';
import { AppError } from '../errors';

const resetResult = z.object({ balances: z.record(z.string(), z.string()), cancelledOrders: z.number().int().min(0) });
const paperInfo = z.object({
  market: z.enum(['mirror', 'synthetic']),
  status: z.string(),
  startingBalances: z.record(z.string(), z.string()),
  source: z.looseObject({ url: z.string(), connection: z.string() }).nullable(),
});

export type PaperResetResult = z.infer<typeof resetResult>;
export type PaperInfo = z.infer<typeof paperInfo>;

type FetchLike = (url: string, init?: { method?: string; headers?: Record<string, string>; body?: string; signal?: AbortSignal }) => Promise<{ ok: boolean; status: number; json(): Promise<unknown> }>;

export interface PaperDeps {
  /** the paper exchange's control base, e.g. http://127.0.0.1:3001/control */
  controlUrl: string;
  fetch?: FetchLike;
}

/** The paper exchange's control base in paper mode; undefined in any other mode (there is nothing to reset). */
export function paperControlUrl(env: { DESK_MODE: string; KRAKEN_REST_URL: string }): string | undefined {
  return env.DESK_MODE === 'paper' ? `${env.KRAKEN_REST_URL.replace(/\/+$/, '')}/control` : undefined;
}

async function call<T>(deps: PaperDeps, path: string, schema: z.ZodType<T>, post: boolean): Promise<T> {
  const fetchImpl = deps.fetch ?? ((url, init) => globalThis.fetch(url, init));
  let res: Awaited<ReturnType<FetchLike>>;
  try {
    res = await fetchImpl(`${deps.controlUrl}${path}`, {
      method: post ? 'POST' : 'GET',
      headers: { 'content-type': 'application/json' },
      body: post ? '{}' : undefined,
      signal: AbortSignal.timeout(10_000),
    });
  } catch {
    throw new AppError('paper_exchange_unreachable');
  }
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const message = z.object({ error: z.string() }).safeParse(body).data?.error ?? `HTTP ${res.status}`;
    throw new AppError('paper_exchange_error', `The paper exchange refused: ${message}`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new AppError('paper_exchange_error');
  return parsed.data;
}

/** Where the paper market comes from, its status and the balances a reset restores. */
export function paperInfoOf(deps: PaperDeps): Promise<PaperInfo> {
  return call(deps, '/paper', paperInfo, false);
}

/** Cancels every open paper order and restores the starting balances; audited as `paper.reset`. */
export function resetPaperAccount(deps: PaperDeps & { audit: AuditRepository }, actor: Actor): Promise<PaperResetResult> {
  return auditedCall(
    deps.audit,
    { actor, action: 'paper.reset', subject: 'paper account', detail: { controlUrl: deps.controlUrl } },
    () => call(deps, '/paper/reset', resetResult, true),
    {
      ok: (result) => result,
      error: (error) => ({ outcome: 'error', detail: { message: error instanceof Error ? error.message : String(error) } }),
    },
  );
}
