import { timedWaitFor } from '../../testing/wait-for';

/**
 * Polls `cond` until it holds; throws naming `what` once `ms` pass without it. Resolves with the time it
 * took, for a test to report (never to assert on). The hub tests' spelling of server/testing/wait-for.ts.
 */
export async function until(cond: () => boolean | Promise<boolean>, ms: number, what: string): Promise<number> {
  return (await timedWaitFor(cond, what, { timeoutMs: ms, intervalMs: 5 })).ms;
}
