import { defineConfig, devices } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * E2E runs real Chromium against two shapes of the desk, each with the built-in exchange on its own ports:
 * - project `chromium` (e2e/*.spec.ts): `server/index.ts` started by `npm run demo` (SQLite, feed over /ws);
 * - project `next-start` (e2e/next-start/): `next start` with no custom server, on a throwaway PostgreSQL,
 *   so the feed runs over SSE, with streams forced to end every FEED_STREAM_MAX_SECONDS=3 s
 *   (e2e/support/next-start-desk.ts).
 * Debian's chromium is used when present (machines without internet cannot download Playwright's browser);
 * elsewhere Playwright's own.
 */
const deskPort = Number(process.env.E2E_PORT ?? 3310);
const exchangePort = Number(process.env.E2E_EXCHANGE_PORT ?? deskPort + 1);
const nextPort = Number(process.env.E2E_NEXT_PORT ?? deskPort + 50);
const nextExchangePort = nextPort + 1;
// Workers inherit the runner's environment, so every process agrees on one data folder per run.
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'kraken-desk-e2e-'));
process.env.E2E_CONTROL_URL = `http://127.0.0.1:${exchangePort}/control`;
process.env.E2E_NEXT_CONTROL_URL = `http://127.0.0.1:${nextExchangePort}/control`;
// the next-start desk's SSE streams end this often (seconds): e2e/next-start/stream-end.spec.ts proves it seamless
process.env.E2E_NEXT_STREAM_SECONDS ??= '3';
// SSE feed streams end this often (seconds), so feed-sse.spec.ts sees resumes; /ws connections ignore it
process.env.FEED_STREAM_MAX_SECONDS ??= '12';

const executablePath =
  process.env.CHROMIUM_PATH ?? ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['json', { outputFile: process.env.PLAYWRIGHT_JSON_OUTPUT_NAME ?? 'test-results/e2e-report.json' }]],
  use: {
    baseURL: `http://127.0.0.1:${deskPort}`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--disable-gpu',
        '--disable-dev-shm-usage',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--disable-quic',
        '--no-first-run',
        // the suite drives only this machine: any other host resolves to nothing (e2e/support/loopback.ts)
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1',
      ],
    },
  },
  projects: [
    { name: 'chromium', testIgnore: 'next-start/**', use: { ...devices['Desktop Chrome'] } },
    // sign-in and first renders go through PostgreSQL and SSE on a shared CI machine: more patience per assertion
    { name: 'next-start', testDir: 'e2e/next-start', expect: { timeout: 20_000 }, use: { ...devices['Desktop Chrome'], baseURL: `http://127.0.0.1:${nextPort}` } },
  ],
  // started in this order: the demo builds Next when needed, so the next-start desk finds the build made
  webServer: [{
    command: 'node --import tsx server/demo.ts',
    url: `http://127.0.0.1:${deskPort}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(deskPort),
      EXCHANGE_PORT: String(exchangePort),
      DATA_DIR: process.env.E2E_DATA_DIR,
      FEED_STREAM_MAX_SECONDS: process.env.FEED_STREAM_MAX_SECONDS,
      // One desk serves the whole run, and at the starter tier (0.33 REST units/s) the pages earlier specs leave
      // open spend the counter, so a later spec's amend or balance read waits out the pacing for many seconds.
      // The specs test behaviour; the starter tier's pacing is proved by the integration tests
      // (server/simulator/kraken-rest.integration.test.ts, server/orders/rest-cost.integration.test.ts).
      EXCHANGE_TIER: 'pro',
      KRAKEN_TIER: 'pro',
      NEXT_TELEMETRY_DISABLED: '1',
    },
  }, {
    command: 'node --import tsx e2e/support/next-start-desk.ts',
    url: `http://127.0.0.1:${nextPort}/api/health`,
    timeout: 240_000,
    reuseExistingServer: false,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(nextPort),
      EXCHANGE_PORT: String(nextExchangePort),
      DATA_DIR: join(process.env.E2E_DATA_DIR, 'next-start'),
      FEED_STREAM_MAX_SECONDS: process.env.E2E_NEXT_STREAM_SECONDS,
      NEXT_TELEMETRY_DISABLED: '1',
    },
  }],
});
