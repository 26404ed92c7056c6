import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildIfNeeded } from '../demo-build';
import { freePort } from '../multi/instances';
import { waitUntilReady } from './readiness';

const root = resolve(import.meta.dirname, '..', '..');

export interface RunningDesk {
  origin: string;
  controlUrl: string;
  stop(): Promise<void>;
}

/**
 * Starts `npm run demo` (desk + built-in exchange) with a throwaway data folder, on `port` and `port + 1`
 * when given, else on ports the OS hands out (fixed ports collide with other desks on a shared machine).
 * The production build is made here first, in the foreground and without a deadline, so the wait that
 * follows is only the servers starting. That wait lasts while the demo is alive and not yet answering
 * (BENCH_START_SECONDS, default 600, bounds it): on a loaded 2-core machine a start takes minutes, and a
 * demo that fails exits and is reported at once rather than waited for.
 */
export async function startDemoDesk(port?: number): Promise<RunningDesk> {
  buildIfNeeded(root);
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(port);
    } catch (error) {
      // a demo that exited early (a port taken meanwhile, or stopped from outside) is tried again twice
      if (!(error instanceof DemoExited) || attempt === 3) throw error;
      process.stderr.write(`bench: ${error.message}; starting it again\n`);
    }
  }
}

class DemoExited extends Error {}

async function startOnce(port: number | undefined): Promise<RunningDesk> {
  const deskPort = port ?? (await freePort());
  const exchangePort = port === undefined ? await freePort() : port + 1;
  const startSeconds = Number(process.env.BENCH_START_SECONDS ?? 600);
  const dataDir = mkdtempSync(join(tmpdir(), 'kraken-desk-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'demo.ts')], {
    cwd: root,
    // its banner and its children's logs go to our stderr, so a failed start explains itself
    stdio: ['ignore', process.stderr, 'inherit'],
    env: {
      ...process.env,
      PORT: String(deskPort),
      EXCHANGE_PORT: String(exchangePort),
      DATA_DIR: dataDir,
      NEXT_TELEMETRY_DISABLED: '1',
      DEMO_SKIP_BUILD: '1',
      // the demo's own wait for its desk must not end before ours does
      DEMO_READY_SECONDS: String(startSeconds),
    },
  });
  const origin = `http://127.0.0.1:${deskPort}`;
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady({ url: `${origin}/api/health`, what: 'the demo desk', child, timeoutMs: startSeconds * 1000 });
  } catch (error) {
    const exited = child.exitCode !== null || child.signalCode !== null;
    await stop();
    throw exited && error instanceof Error ? new DemoExited(error.message) : error;
  }
  return { origin, controlUrl: `http://127.0.0.1:${exchangePort}/control`, stop };
}
