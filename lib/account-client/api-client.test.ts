import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import * as z from 'zod/mini';
import { apiCall } from './api-client';

test("a 503 exchange_unreachable answer reaches the page with the server's own sentence", async () => {
  const message = 'Kraken cannot be reached right now; the order was not sent. Try again in a moment.';
  const server = createServer((_req, res) => {
    res.writeHead(503, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: { code: 'exchange_unreachable', message } }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const result = await apiCall('POST', `http://127.0.0.1:${port}/api/orders`, z.object({ order: z.unknown() }), { symbol: 'BTC/USD' });
    assert.deepEqual(result, { ok: false, status: 503, code: 'exchange_unreachable', message });
  } finally {
    server.close();
  }
});
