/**
 * The desk as serverless hosts run it, for the `next-start` Playwright project: `next start` (no custom
 * server, so no `/ws`: the browser's feed client falls back to SSE by itself) on PostgreSQL, against the
 * built-in exchange. Starts a throwaway PostgreSQL (server/scripts/postgres-harness.ts, or TEST_DATABASE_URL),
 * the exchange in this process, then `next start`; stops all three on SIGTERM/SIGINT (Playwright's shutdown).
 * Environment: PORT (the desk), EXCHANGE_PORT, DATA_DIR, FEED_STREAM_MAX_SECONDS.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { buildIfNeeded } from '../../server/demo-build';
import { testPostgres } from '../../server/scripts/postgres-harness';
import { startExchange } from '../../server/simulator/exchange';

const root = resolve(import.meta.dirname, '../..');
const port = Number(process.env.PORT ?? 3320);
const exchangePort = Number(process.env.EXCHANGE_PORT ?? port + 1);
const dataDir = resolve(process.env.DATA_DIR ?? join(root, 'data', `next-start-${port}`));
mkdirSync(dataDir, { recursive: true });

buildIfNeeded(root);

const postgres = await testPostgres();
const databaseUrl = await freshDatabase(postgres.url, `desk_e2e_${port}_${randomBytes(3).toString('hex')}`);
const key = { key: `e2e-${randomBytes(8).toString('hex')}`, secret: randomBytes(64).toString('base64') };
const exchange = await startExchange({ port: exchangePort, dataDir: join(dataDir, 'exchange'), apiKeys: [{ key: key.key, secret: key.secret }] });
console.log(`next-start desk: ${postgres.origin}; exchange ${exchange.restUrl}`);

const desk: ChildProcess = spawn(process.execPath, [join(root, 'node_modules', 'next', 'dist', 'bin', 'next'), 'start', '-H', '127.0.0.1', '-p', String(port)], {
  cwd: root,
  stdio: ['ignore', 'inherit', 'inherit'],
  env: {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    DESK_MODE: 'demo',
    HOST: '127.0.0.1',
    PORT: String(port),
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    DATABASE_PATH: '',
    KRAKEN_REST_URL: exchange.restUrl,
    KRAKEN_WS_URL: exchange.wsUrl,
    KRAKEN_WS_AUTH_URL: exchange.wsAuthUrl,
    KRAKEN_API_KEY: key.key,
    KRAKEN_API_SECRET: key.secret,
    FEED_STREAM_MAX_SECONDS: process.env.FEED_STREAM_MAX_SECONDS ?? '3',
  },
});

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  if (desk.exitCode === null) {
    desk.kill('SIGTERM');
    await new Promise((r) => desk.once('exit', r));
  }
  await exchange.close().catch(() => undefined);
  postgres.stop();
  process.exit(code);
}
desk.on('exit', (code, signal) => {
  if (stopping) return;
  console.error(`next start stopped (${signal ?? `exit ${code}`})`);
  void stop(1);
});
process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));
// the PostgreSQL harness exits the process on a signal too; `next start` must never outlive this launcher
process.on('exit', () => {
  if (desk.exitCode === null) desk.kill('SIGTERM');
});

/** A new, empty database on the server at `serverUrl`; the desk migrates it on its first start. */
async function freshDatabase(serverUrl: string, name: string): Promise<string> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
