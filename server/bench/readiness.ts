import type { ChildProcess } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Waits until `url` answers 2xx: a server the bench started is ready when it says so, not after a fixed
 * time. Fails at once when the child that should serve it exits, when it answers only errors for
 * `failingMs` (up but broken), and after `timeoutMs` as a last bound;
 * says every 30 s that it is still waiting, so a slow start on a busy machine reads as such.
 */
export async function waitUntilReady(options: { url: string; what: string; child: ChildProcess; timeoutMs: number; failingMs?: number }): Promise<void> {
  const { url, what, child, timeoutMs, failingMs = 60_000 } = options;
  const started = Date.now();
  let nextNote = started + 30_000;
  let failingSince: number | undefined;
  while (Date.now() - started < timeoutMs) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${what} exited (${child.exitCode ?? child.signalCode}) before it answered ${url}`);
    }
    const status = await fetch(url, { signal: AbortSignal.timeout(10_000) }).then((r) => r.status, () => undefined);
    if (status !== undefined && status < 300) return;
    // listening but failing every request: broken, not slow
    if (status === undefined) failingSince = undefined;
    else if ((failingSince ??= Date.now()) < Date.now() - failingMs) throw new Error(`${what} answers ${status} at ${url} (for ${failingMs / 1000} s)`);
    if (Date.now() >= nextNote) {
      process.stderr.write(`bench: still waiting for ${what} (${Math.round((Date.now() - started) / 1000)} s)\n`);
      nextNote += 30_000;
    }
    await sleep(300);
  }
  throw new Error(`${what} did not answer ${url} within ${Math.round(timeoutMs / 1000)} s`);
}
