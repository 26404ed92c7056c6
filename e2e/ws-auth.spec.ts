import { expect, test, testAs } from './support/fixtures';
import { request } from 'node:http';

/** The HTTP status a raw WebSocket upgrade request to /ws gets (101 when accepted). */
function upgradeStatus(baseURL: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(`${baseURL}/ws`, {
      headers: { Connection: 'Upgrade', Upgrade: 'websocket', 'Sec-WebSocket-Version': '13', 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', ...headers },
    });
    req.on('upgrade', (res, socket) => {
      socket.destroy();
      resolve(res.statusCode ?? 101);
    });
    req.on('response', (res) => {
      res.resume();
      resolve(res.statusCode ?? 0);
    });
    req.on('error', reject);
    req.end();
  });
}

/** What a browser page learns when it opens /ws: the first frame, or the close code if refused. */
async function openFeed(page: import('@playwright/test').Page, url: string) {
  return page.evaluate(
    (wsUrl) =>
      new Promise<{ opened: boolean; first?: string; code?: number }>((resolve) => {
        const ws = new WebSocket(wsUrl);
        let opened = false;
        ws.onopen = () => {
          opened = true;
          ws.send(JSON.stringify({ op: 'subscribe', channel: 'ticker', symbol: 'BTC/USD' }));
        };
        ws.onmessage = (e) => {
          resolve({ opened, first: String(e.data) });
          ws.close();
        };
        ws.onclose = (e) => resolve({ opened, code: e.code });
        setTimeout(() => resolve({ opened }), 10_000);
      }),
    url,
  );
}

test.describe('/ws upgrade', () => {
  test('is refused without a session, and served with one', async ({ page, baseURL, asRole }) => {
    const wsUrl = `${baseURL!.replace(/^http/, 'ws')}/ws`;
    await page.goto('/login');
    const refused = await openFeed(page, wsUrl);
    expect(refused.opened).toBe(false);
    expect(refused.first).toBeUndefined();

    // The HTTP answer itself: 401 before any upgrade, so nothing ever streams to an anonymous caller.
    expect(await upgradeStatus(baseURL!, { Origin: baseURL! })).toBe(401);

    const viewer = await asRole('viewer');
    await viewer.goto('/markets');
    const served = await openFeed(viewer, wsUrl);
    expect(served.opened).toBe(true);
    expect(served.first).toMatch(/"type":"(status|snapshot)"/);
  });

  testAs('viewer')('is refused from another origin even with a session cookie', async ({ page, baseURL }) => {
    const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
    expect(await upgradeStatus(baseURL!, { Origin: 'https://evil.example', Cookie: cookie })).toBe(403);
    expect(await upgradeStatus(baseURL!, { Origin: baseURL!, Cookie: cookie })).toBe(101);
  });
});
