import { defineConfig, devices } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * E2E runs real Chromium against `server/index.ts` + the built-in exchange, both started by
 * `npm run demo` on their own ports with a fresh data folder. Debian's chromium is used when present
 * (machines without internet cannot download Playwright's browser); elsewhere Playwright's own.
 */
const deskPort = Number(process.env.E2E_PORT ?? 3310);
const exchangePort = Number(process.env.E2E_EXCHANGE_PORT ?? deskPort + 1);
// Workers inherit the runner's environment, so every process agrees on one data folder per run.
process.env.E2E_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'kraken-desk-e2e-'));
process.env.E2E_CONTROL_URL = `http://127.0.0.1:${exchangePort}/control`;
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
      ],
    },
  },
  projects: [{ name: 'chromium', use: { ...devices['Desktop Chrome'] } }],
  webServer: {
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
      NEXT_TELEMETRY_DISABLED: '1',
    },
  },
});
