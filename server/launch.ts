/**
 * What `npm run demo` and `npm run paper` share: the paper account's API key kept beside the exchange's state,
 * child processes that take the launcher down with them, and waiting for a server to answer.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/** What both launchers read from the environment, plus their own settings; a bad value stops them with a list. */
export function launchConfig<Extra extends z.ZodRawShape>(extra: Extra) {
  const parsed = z
    .object({
      HOST: z.string().default('127.0.0.1'),
      PORT: z.coerce.number().int().min(1).max(65535).default(3000),
      EXCHANGE_PORT: z.coerce.number().int().min(1).max(65535).default(3001),
      DATA_DIR: z.string().default('data'),
      DEMO_SKIP_BUILD: z.enum(['0', '1']).default('0'),
    })
    .extend(extra)
    .safeParse(process.env);
  if (!parsed.success) {
    console.error(`Invalid configuration:\n${parsed.error.issues.map((i) => `  - ${i.path.join('.')}: ${i.message}`).join('\n')}`);
    process.exit(1);
  }
  return parsed.data;
}

/** The paper account's API key lives with the exchange's state so a restarted desk keeps its orders. */
export function paperKey(exchangeData: string): { key: string; secret: string } {
  const file = join(exchangeData, 'demo-api-key.json');
  if (existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as { key: string; secret: string };
  mkdirSync(exchangeData, { recursive: true });
  const created = { key: `demo-${randomBytes(12).toString('hex')}`, secret: randomBytes(64).toString('base64') };
  writeFileSync(file, JSON.stringify(created), { mode: 0o600 });
  return created;
}

/** Where a mirror-mode exchange takes its market from (`npm run paper`); the demo has none. */
export interface MarketSource {
  url: string;
  wsUrl: string;
  pairs: string;
}

/**
 * The built-in exchange's environment as a launcher starts it. Without a source every mirror variable is
 * removed (undefined: a child gets no such variable), so an EXCHANGE_MARKET_URL left in the shell cannot take
 * `npm run demo` online: the demo stays on its synthetic market.
 */
export function exchangeChildEnv(port: number, data: string, key: { key: string; secret: string }, source?: MarketSource): Record<string, string | undefined> {
  return {
    EXCHANGE_PORT: String(port),
    EXCHANGE_DATA: data,
    EXCHANGE_API_KEY: key.key,
    EXCHANGE_API_SECRET: key.secret,
    EXCHANGE_MARKET_URL: source?.url,
    EXCHANGE_MARKET_WS_URL: source?.wsUrl,
    EXCHANGE_MARKET_PAIRS: source?.pairs,
    EXCHANGE_MARKET_DEPTH: source ? process.env.EXCHANGE_MARKET_DEPTH : undefined,
    EXCHANGE_PAPER_LATENCY_MS: source ? process.env.EXCHANGE_PAPER_LATENCY_MS : undefined,
  };
}

export async function waitForHttp(url: string, what: string, timeoutMs = 180_000): Promise<void> {
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

/** Child processes of one launcher: if one stops, all stop; SIGINT/SIGTERM stop them all. */
export class Launcher {
  private readonly children: ChildProcess[] = [];
  private stopping = false;

  constructor(
    private readonly root: string,
    private readonly label: string,
  ) {
    process.on('SIGINT', () => void this.stop(0));
    process.on('SIGTERM', () => void this.stop(0));
  }

  /** Runs `script` with tsx in this process's environment plus `env`. */
  start(name: string, script: string, env: Record<string, string | undefined>): ChildProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', join(this.root, script)], {
      cwd: this.root,
      stdio: ['ignore', 'inherit', 'inherit'],
      env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1', ...env },
    });
    child.on('exit', (code, signal) => {
      if (this.stopping) return;
      console.error(`${name} stopped (${signal ?? `exit ${code}`}); stopping the ${this.label}.`);
      void this.stop(code ?? 1);
    });
    this.children.push(child);
    return child;
  }

  async stop(code: number): Promise<never> {
    this.stopping = true;
    for (const child of this.children) child.kill('SIGTERM');
    await Promise.all(this.children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : null)));
    process.exit(code);
  }
}
