/**
 * Polls `cond` until it holds; throws naming `what` once `ms` pass without it. Resolves with the time it
 * took, for a test to report (never to assert on).
 */
export async function until(cond: () => boolean | Promise<boolean>, ms: number, what: string): Promise<number> {
  const start = performance.now();
  while (!(await cond())) {
    if (performance.now() - start > ms) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
  return performance.now() - start;
}
