import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..', '..');

export interface RunningDesk {
  origin: string;
  controlUrl: string;
  stop(): Promise<void>;
}

/** Starts `npm run demo` (desk + built-in exchange) on the given ports with a throwaway data folder. */
export async function startDemoDesk(port: number): Promise<RunningDesk> {
  const dataDir = mkdtempSync(join(tmpdir(), 'kraken-desk-bench-'));
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server', 'demo.ts')], {
    cwd: root,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, PORT: String(port), EXCHANGE_PORT: String(port + 1), DATA_DIR: dataDir, NEXT_TELEMETRY_DISABLED: '1' },
  });
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 240_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the demo exited with ${child.exitCode}`);
    if (await fetch(`${origin}/api/health`).then((r) => r.ok, () => false)) {
      return { origin, controlUrl: `http://127.0.0.1:${port + 1}/control`, stop };
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  await stop();
  throw new Error('the demo did not start within 240 s');
}
