/**
 * `npm run paper`: the built-in exchange in mirror mode against Kraken's public market (api.kraken.com,
 * ws.kraken.com/v2) with a local paper account, and the desk in paper mode against it. The desk holds only the
 * paper exchange's key and talks only to 127.0.0.1; a real KRAKEN_API_KEY in the environment or in one of the
 * project's .env files stops the start before anything runs (paper-guard.ts). EXCHANGE_MARKET_URL /
 * EXCHANGE_MARKET_WS_URL point it at another Kraken-compatible source (tests use a second built-in exchange).
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { buildIfNeeded } from './demo-build';
import { exchangeChildEnv, launchConfig, Launcher, paperKey, waitForHttp } from './launch';
import { realKeyProblem } from './paper-guard';

const root = resolve(import.meta.dirname, '..');

const DEFAULT_PAIRS = 'BTC/USD,ETH/USD,SOL/USD,XRP/USD,DOGE/USD,ADA/USD,LTC/USD,LINK/USD,DOT/USD,AVAX/USD';

async function main(): Promise<void> {
  // the environment and the .env files the desk's Next would read: a real key in either stops everything here
  const refusal = realKeyProblem(process.env, root);
  if (refusal) {
    console.error(refusal);
    process.exit(2);
  }
  const c = launchConfig({
    EXCHANGE_MARKET_URL: z.string().default('https://api.kraken.com'),
    EXCHANGE_MARKET_WS_URL: z.string().default('wss://ws.kraken.com/v2'),
    EXCHANGE_MARKET_PAIRS: z.string().default(DEFAULT_PAIRS),
    EXCHANGE_PAPER_BALANCES: z.string().default('USD=100000,BTC=1'),
  });
  const dataDir = resolve(root, c.DATA_DIR);
  mkdirSync(dataDir, { recursive: true });
  const launcher = new Launcher(root, 'paper desk');
  if (c.DEMO_SKIP_BUILD !== '1') buildIfNeeded(root);
  // paper state is kept apart from the demo's synthetic one
  const exchangeData = join(dataDir, `paper-exchange-${c.EXCHANGE_PORT}`);
  const key = paperKey(exchangeData);
  const exchangeUrl = `http://127.0.0.1:${c.EXCHANGE_PORT}`;
  launcher.start('paper exchange', 'server/simulator/main.ts', {
    ...exchangeChildEnv(c.EXCHANGE_PORT, exchangeData, key, { url: c.EXCHANGE_MARKET_URL, wsUrl: c.EXCHANGE_MARKET_WS_URL, pairs: c.EXCHANGE_MARKET_PAIRS }),
    EXCHANGE_PAPER_BALANCES: c.EXCHANGE_PAPER_BALANCES,
  });
  // the mirror loads each pair's history from the source first (about a second per pair against Kraken)
  await waitForHttp(`${exchangeUrl}/0/public/Time`, 'The paper exchange', 180_000);
  launcher.start('desk', 'server/index.ts', {
    NODE_ENV: 'production',
    DESK_MODE: 'paper',
    HOST: c.HOST,
    PORT: String(c.PORT),
    DATA_DIR: dataDir,
    DATABASE_PATH: process.env.DATABASE_PATH ?? join(dataDir, `desk-paper-${c.PORT}.sqlite`),
    KRAKEN_REST_URL: exchangeUrl,
    KRAKEN_WS_URL: `ws://127.0.0.1:${c.EXCHANGE_PORT}/v2`,
    KRAKEN_WS_AUTH_URL: `ws://127.0.0.1:${c.EXCHANGE_PORT}/auth/v2`,
    PAPER_API_KEY: key.key,
    PAPER_API_SECRET: key.secret,
  });
  const deskUrl = `http://${c.HOST}:${c.PORT}`;
  await waitForHttp(`${deskUrl}/api/health`, 'The desk');
  console.log(`
  Kraken Desk PAPER TRADING is running at ${deskUrl}
  Market: ${c.EXCHANGE_MARKET_URL} (mirrored read-only by the built-in exchange at ${exchangeUrl})
  Orders fill only on the local paper account (starting balances ${c.EXCHANGE_PAPER_BALANCES}).

  Sign in as   admin / kraken-demo    (members, limits, audit, paper reset)
               trader / kraken-demo   (place, amend, cancel paper orders)
               viewer / kraken-demo   (read only)

  Press Ctrl+C to stop.
`);
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) void main();
