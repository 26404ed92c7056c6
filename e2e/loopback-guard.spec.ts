import { assertLoopbackTarget, isLoopbackUrl } from './support/loopback';
import { expect, test } from './support/fixtures';

/** The suite's own guard: every target is this machine; the browser cannot reach any other host by name. */
test.describe('loopback guard', () => {
  test('accepts this machine only, whatever the scheme', () => {
    for (const url of ['http://127.0.0.1:3310/markets', 'ws://localhost:1/ws', 'http://[::1]:80/', 'http://127.0.0.2/', 'data:text/plain,x', 'about:blank']) {
      expect(isLoopbackUrl(url), url).toBe(true);
    }
    for (const url of ['https://api.kraken.com/0/public/Time', 'wss://ws.kraken.com/v2', 'http://10.0.0.1/', 'http://127.0.0.1.evil.example/', 'http://localhost.evil.example/', 'not a url']) {
      expect(isLoopbackUrl(url), url).toBe(false);
    }
    expect(() => assertLoopbackTarget('https://api.kraken.com')).toThrow(/refuses to run against https:\/\/api\.kraken\.com/);
    expect(() => assertLoopbackTarget(undefined)).toThrow(/refuses/);
    expect(() => assertLoopbackTarget('http://127.0.0.1:3310')).not.toThrow();
  });

  test('the browser resolves no host name but localhost', async ({ browser }) => {
    // a context of its own, outside the guard's watch: this request is meant to fail
    const context = await browser.newContext();
    const page = await context.newPage();
    const error = await page.goto('http://api.kraken.com/0/public/Time', { timeout: 10_000 }).then(() => null, (e: Error) => e.message);
    expect(error).toMatch(/ERR_NAME_NOT_RESOLVED/);
    await context.close();
  });
});
