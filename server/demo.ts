/**
 * `npm run demo`: builds when needed, starts the built-in exchange, then the desk pointed at it.
 * No keys, no internet. PORT and EXCHANGE_PORT let two demos run side by side; each exchange keeps its
 * state in its own folder under DATA_DIR.
 */
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { buildIfNeeded } from './demo-build';
import { exchangeChildEnv, launchConfig, Launcher, paperKey, waitForHttp } from './launch';

const root = resolve(import.meta.dirname, '..');
const { HOST, PORT, EXCHANGE_PORT, DATA_DIR, DEMO_SKIP_BUILD } = launchConfig({});
const dataDir = resolve(root, DATA_DIR);
mkdirSync(dataDir, { recursive: true });

const launcher = new Launcher(root, 'demo');

if (DEMO_SKIP_BUILD !== '1') buildIfNeeded(root);
const exchangeData = join(dataDir, `exchange-${EXCHANGE_PORT}`);
const key = paperKey(exchangeData);
const exchangeUrl = `http://127.0.0.1:${EXCHANGE_PORT}`;
// no market source: offline on the synthetic market whatever EXCHANGE_MARKET_* the shell holds
launcher.start('built-in exchange', 'server/simulator/main.ts', exchangeChildEnv(EXCHANGE_PORT, exchangeData, key));
await waitForHttp(`${exchangeUrl}/0/public/Time`, 'The built-in exchange');
launcher.start('desk', 'server/index.ts', {
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
await waitForHttp(`${deskUrl}/api/health`, 'The desk', Number(process.env.DEMO_READY_SECONDS ?? 60) * 1000);
console.log(`
  Kraken Desk demo is running at ${deskUrl}
  Built-in exchange: ${exchangeUrl} (paper account, synthetic market)

  Sign in as   admin / kraken-demo    (members, limits, audit, desk controls)
               trader / kraken-demo   (place, amend, cancel orders)
               viewer / kraken-demo   (read only)

  Press Ctrl+C to stop.
`);
