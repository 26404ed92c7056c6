import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { signIn } from './browser';

const root = resolve(import.meta.dirname, '..', '..');
const nextBin = join(root, 'node_modules', 'next', 'dist', 'bin', 'next');

/** Sum of gzip sizes of every script a page loads on first visit (what "First Load JS" measures). */
async function firstLoadJsBytes(browser: Browser, url: string, login?: { origin: string; username: string }): Promise<number> {
  const context = await browser.newContext();
  const page = await context.newPage();
  if (login) await signIn(page, login.origin, login.username);
  // A fresh page in the same context has the session cookie but an empty in-memory script cache.
  const fresh = await context.newPage();
  const bodies: Promise<number>[] = [];
  fresh.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    bodies.push(response.body().then((b) => gzipSync(b).length).catch(() => 0));
  });
  await fresh.goto(url, { waitUntil: 'networkidle' });
  const sizes = await Promise.all(bodies);
  await context.close();
  return sizes.reduce((a, b) => a + b, 0);
}

/** Builds and serves a bare Next app (same Next version, one static page) in a temp folder. */
async function withBareNextApp<T>(port: number, run: (origin: string) => Promise<T>): Promise<T> {
  // Inside the project (data/ is git-ignored) so Turbopack resolves `next` from the project's node_modules.
  mkdirSync(join(root, 'data'), { recursive: true });
  const dir = mkdtempSync(join(root, 'data', 'bench-bare-next-'));
  try {
    mkdirSync(join(dir, 'app'));
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'bare', private: true, type: 'module' }));
    writeFileSync(join(dir, 'next.config.js'), `export default { turbopack: { root: ${JSON.stringify(root)} } };\n`);
    writeFileSync(join(dir, 'app', 'layout.js'), 'export default function L({children}){return <html lang="en"><body>{children}</body></html>}\n');
    writeFileSync(join(dir, 'app', 'page.js'), 'export default function P(){return <main>bare</main>}\n');
    const env = { ...process.env, NEXT_TELEMETRY_DISABLED: '1', NODE_ENV: 'production' as const };
    const build = spawnSync(process.execPath, [nextBin, 'build'], { cwd: dir, env, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`bare next build failed:\n${build.stdout}\n${build.stderr}`);
    const server = spawn(process.execPath, [nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'], { cwd: dir, env, stdio: 'ignore' });
    try {
      const origin = `http://127.0.0.1:${port}`;
      for (let i = 0; i < 100; i++) {
        if (await fetch(origin).then((r) => r.ok, () => false)) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      return await run(origin);
    } finally {
      server.kill('SIGTERM');
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchFirstLoadJs(browser: Browser, desk: { origin: string }, barePort: number) {
  const tradeBytes = await firstLoadJsBytes(browser, `${desk.origin}/trade/BTC-USD`, { origin: desk.origin, username: 'trader' });
  const bareBytes = await withBareNextApp(barePort, (origin) => firstLoadJsBytes(browser, origin));
  return {
    trade_page_first_load_js_kb: Math.round(tradeBytes / 102.4) / 10,
    bare_next_first_load_js_kb: Math.round(bareBytes / 102.4) / 10,
    first_load_js_ratio: tradeBytes / bareBytes,
  };
}
