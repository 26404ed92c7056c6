import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { freePort } from '../multi/instances';
import { waitUntilReady } from './readiness';

const root = resolve(import.meta.dirname, '..', '..');
const nextBin = join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

/**
 * Builds and serves a bare Next app in a temp folder: the same Next version, one static page (first-load-js.ts
 * weighs its scripts) and one route handler, `GET /api/ping`, answering a small JSON body (order-path.ts times it:
 * what any request through Next costs on this machine, with no code of the desk's at all).
 */
export async function withBareNextApp<T>(port: number | undefined, run: (origin: string) => Promise<T>): Promise<T> {
  // Inside the project (data/ is git-ignored) so Turbopack resolves `next` from the project's node_modules.
  mkdirSync(join(root, 'data'), { recursive: true });
  const dir = mkdtempSync(join(root, 'data', 'bench-bare-next-'));
  try {
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bare', private: true, type: 'module' }));
    writeFileSync(join(dir, 'next.config.js'), `export default { turbopack: { root: ${JSON.stringify(root)} } };\n`);
    writeFileSync(join(dir, 'app', 'layout.js'), 'export default function L({children}){return <html lang="en"><body>{children}</body></html>}\n');
    writeFileSync(join(dir, 'app', 'page.js'), 'export default function P(){return <main>bare</main>}\n');
    mkdirSync(join(dir, 'app', 'api', 'ping'), { recursive: true });
    writeFileSync(join(dir, 'app', 'api', 'ping', 'route.js'), "export const dynamic = 'force-dynamic';\nexport function GET() { return Response.json({ status: 'ok', time: new Date().toISOString() }); }\n");
    // its own (empty) hook, else Next picks up the desk's instrumentation.ts above it and every request fails
    writeFileSync(join(dir, 'instrumentation.js'), 'export function register() {}\n');
    const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' as const };
    const build = spawnSync(process.execPath, [nextBin, 'build'], { cwd: dir, env, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`bare next build failed:\n${build.stdout}\n${build.stderr}`);
    const listenPort = port ?? (await freePort());
    const server = spawn(process.execPath, [nextBin, 'start', '-p', String(listenPort), '-H', '127.0.0.1'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'inherit'] });
    try {
      const origin = `http://127.0.0.1:${listenPort}`;
      await waitUntilReady({ url: origin, what: 'the bare Next app', child: server, timeoutMs: Number(process.env.BENCH_START_SECONDS ?? 600) * 1000 });
      return await run(origin);
    } finally {
      if (server.exitCode === null && server.signalCode === null) {
        server.kill('SIGTERM');
        await new Promise((r) => server.once('exit', r));
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
