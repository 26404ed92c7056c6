/**
 * The tests' one polling helper: calls `check` every `intervalMs` until it returns something other than
 * `undefined`, `null` or `false`, and resolves with that; throws naming `what` once `timeoutMs` pass.
 * Tests report how long a wait took (never assert on it): `waitFor` resolves with the value, `timedWaitFor`
 * with the value and the milliseconds it took.
 */
export interface WaitOptions {
  /** default 5000 */
  timeoutMs?: number;
  /** default 10 */
  intervalMs?: number;
}

type Found<T> = Exclude<T, undefined | null | false>;

export async function waitFor<T>(check: () => T | Promise<T>, what: string, options: WaitOptions = {}): Promise<Found<T>> {
  return (await timedWaitFor(check, what, options)).value;
}

export async function timedWaitFor<T>(check: () => T | Promise<T>, what: string, options: WaitOptions = {}): Promise<{ value: Found<T>; ms: number }> {
  const timeoutMs = options.timeoutMs ?? 5000;
  const start = performance.now();
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return { value: value as Found<T>, ms: performance.now() - start };
    if (performance.now() - start > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 10));
  }
}
