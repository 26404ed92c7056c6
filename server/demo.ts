/**
 * `npm run demo`: builds when needed, starts the built-in exchange, then the desk pointed at it.
 * No keys, no internet. PORT and EXCHANGE_PORT let two demos run side by side; each exchange keeps its
 * state in its own folder under DATA_DIR.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { buildIfNeeded } from './demo-build';

const root = resolve(import.meta.dirname, '..');
const config = z
  .object({
    HOST: z.string().default('127.0.0.1'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    EXCHANGE_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
    DATA_DIR: z.string().default('data'),
    DEMO_SKIP_BUILD: z.enum(['0', '1']).default('0'),
  })
  .safeParse(process.env);
if (!config.success) {
  console.error(`Invalid configuration:\n${config.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
  process.exit(1);
}
const { HOST, PORT, EXCHANGE_PORT, DATA_DIR, DEMO_SKIP_BUILD } = config.data;
const dataDir = resolve(root, DATA_DIR);
mkdirSync(dataDir, { recursive: true });

/** The paper account's API key lives with the exchange's state so a restarted demo keeps its orders. */
function demoKey(exchangeData: string): { key: string; secret: string } {
  const file = join(exchangeData, 'demo-api-key.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { key: string; secret: string };
  mkdirSync(exchangeData, { recursive: true });
  const created = { key: `demo-${randomBytes(12).toString('hex')}`, secret: randomBytes(64).toString('base64') };
  writeFileSync(file, JSON.stringify(created), { mode: 0o600 });
  return created;
}

const children: ChildProcess[] = [];
function start(name: string, script: string, env: Record<string, string>): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, script)], {
    cwd: root,
    stdio: ['ignore', 'inherit', 'inherit'],
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
  });
  child.on('exit', (code, signal) => {
    if (stopping) return;
    console.error(`${name} stopped (${signal ?? `exit ${code}`}); stopping the demo.`);
    void stop(code ?? 1);
  });
  children.push(child);
  return child;
}

async function waitFor(url: string, what: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(url);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${what} did not become ready at ${url} within ${timeoutMs / 1000} s`);
}

let stopping = false;
async function stop(code: number): Promise<never> {
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
  process.exit(code);
}
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

if (DEMO_SKIP_BUILD !== '1') buildIfNeeded(root);
const exchangeData = join(dataDir, `exchange-${EXCHANGE_PORT}`);
const key = demoKey(exchangeData);
const exchangeUrl = `http://127.0.0.1:${EXCHANGE_PORT}`;
start('built-in exchange', 'server/simulator/main.ts', {
  EXCHANGE_PORT: String(EXCHANGE_PORT),
  EXCHANGE_DATA: exchangeData,
  EXCHANGE_API_KEY: key.key,
  EXCHANGE_API_SECRET: key.secret,
});
await waitFor(`${exchangeUrl}/0/public/Time`, 'The built-in exchange');
start('desk', 'server/index.ts', {
  NODE_ENV: 'production',
  DESK_MODE: 'demo',
  HOST,
  PORT: String(PORT),
  DATA_DIR: dataDir,
  DATABASE_PATH: process.env.DATABASE_PATH ?? join(dataDir, `desk-${PORT}.sqlite`),
  KRAKEN_REST_URL: exchangeUrl,
  KRAKEN_WS_URL: `ws://127.0.0.1:${EXCHANGE_PORT}/v2`,
  KRAKEN_WS_AUTH_URL: `ws://127.0.0.1:${EXCHANGE_PORT}/auth/v2`,
  KRAKEN_API_KEY: key.key,
  KRAKEN_API_SECRET: key.secret,
});
const deskUrl = `http://${HOST}:${PORT}`;
// DEMO_READY_SECONDS: a busy machine (CI, several desks building at once) may need longer than a minute
await waitFor(`${deskUrl}/api/health`, 'The desk', Number(process.env.DEMO_READY_SECONDS ?? 60) * 1000);
console.log(`
  Kraken Desk demo is running at ${deskUrl}
  Built-in exchange: ${exchangeUrl} (paper account, synthetic market)

  Sign in as   admin / kraken-demo    (members, limits, audit, desk controls)
               trader / kraken-demo   (place, amend, cancel orders)
               viewer / kraken-demo   (read only)

  Press Ctrl+C to stop.
`);
