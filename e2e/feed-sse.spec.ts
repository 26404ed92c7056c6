import { expect, test } from './support/fixtures';

/**
 * The trade page over Server-Sent Events. `localStorage['kd.feed'] = 'sse'` (or `?feed=sse`)
 * makes the tab's feed client use SSE from the start (lib/feed/browser-feed.ts), as it does by itself when
 * /ws cannot be opened; set before the first page loads, no page of the session opens /ws. The desk runs
 * with a short FEED_STREAM_MAX_SECONDS (playwright.config.ts), so streams end during the test and the
 * page must resume on its own: live again with a verified checksum, never a dead or unverified book.
 */

const STREAM_SECONDS = Number(process.env.FEED_STREAM_MAX_SECONDS ?? 12);

test.describe('live feed over SSE', () => {
  test.describe.configure({ timeout: 60_000 + 3 * STREAM_SECONDS * 1000 });
  test.use({ role: 'viewer' });

  test('the trade page is live and verified over SSE, and stays so across server-ended streams', async ({ page }) => {
    const sockets: string[] = [];
    page.on('websocket', (ws) => sockets.push(ws.url()));
    const streams: number[] = [];
    page.on('request', (req) => {
      if (req.method() === 'GET' && new URL(req.url()).pathname === '/api/feed') streams.push(Date.now());
    });
    const streamHeaders: Record<string, string>[] = [];
    page.on('response', (res) => {
      if (res.request().method() === 'GET' && new URL(res.url()).pathname === '/api/feed') streamHeaders.push(res.headers());
    });
    await page.addInitScript(() => window.localStorage.setItem('kd.feed', 'sse'));
    await page.goto('/trade/BTC-USD');
    const book = page.getByRole('region', { name: 'Order book' });
    const status = page.getByRole('status').filter({ hasText: /^(Connecting|Live|Stale|Resyncing|Offline)$/ });
    const checksum = page.getByTestId('book-checksum');
    await expect(status).toHaveText('Live');
    await expect(checksum).toHaveText('Checksum verified');
    await expect.poll(() => book.locator('tr[data-side=ask]').count()).toBeGreaterThanOrEqual(10);
    const first = streams.length;
    expect(first).toBeGreaterThanOrEqual(1);
    // served through Next as the route sets it: an uncached, uncompressed event stream
    await expect.poll(() => streamHeaders.length).toBeGreaterThanOrEqual(1);
    expect(streamHeaders[0]?.['content-type']).toMatch(/^text\/event-stream/);
    expect(streamHeaders[0]?.['cache-control']).toMatch(/no-store/);
    expect(streamHeaders[0]?.['content-encoding']).toBeUndefined();

    // two server-ended streams: each time a new stream opens and the page is live and verified again
    for (let resumed = 1; resumed <= 2; resumed++) {
      await expect.poll(() => streams.length, { timeout: (STREAM_SECONDS + 10) * 1000 }).toBeGreaterThanOrEqual(first + resumed);
      await expect(status).toHaveText('Live');
      await expect(checksum).toHaveText('Checksum verified');
    }
    const gaps = streams.slice(1).map((at, i) => at - (streams[i] as number));
    test.info().annotations.push({ type: 'streams', description: `${streams.length} streams, spacing ${gaps.join(', ')} ms` });
    const before = (await book.locator('tbody').allInnerTexts()).join('\n');
    await expect.poll(async () => (await book.locator('tbody').allInnerTexts()).join('\n'), { timeout: 15_000 }).not.toBe(before);
    expect(sockets.filter((url) => new URL(url).pathname === '/ws'), 'no WebSocket to /ws was opened').toEqual([]);
  });
});
