import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { test } from 'node:test';
import { keepAliveFetch } from './kraken-transport';

async function listen(server: Server): Promise<string> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

test('answers carry status and body; calls reuse one kept-alive socket; headers and body reach the server', async (t) => {
  const seen: { port: number; body: string; sign: string | undefined }[] = [];
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => { body += c.toString(); });
    req.on('end', () => {
      seen.push({ port: req.socket.remotePort!, body, sign: req.headers['api-sign'] as string | undefined });
      res.writeHead(200, { 'content-type': 'application/json' }).end('{"error":[],"result":{"ok":true}}');
    });
  });
  const url = await listen(server);
  const transport = keepAliveFetch();
  t.after(() => { transport.close(); server.close(); });
  for (let i = 0; i < 3; i++) {
    const answer = await transport(`${url}/0/private/Balance`, { method: 'POST', headers: { 'API-Sign': 'sig' }, body: `nonce=${i}` });
    assert.equal(answer.status, 200);
    assert.equal(await answer.text(), '{"error":[],"result":{"ok":true}}');
  }
  assert.deepEqual(seen.map((s) => s.body), ['nonce=0', 'nonce=1', 'nonce=2']);
  assert.equal(seen[0]!.sign, 'sig');
  assert.equal(new Set(seen.map((s) => s.port)).size, 1, 'one socket for three sequential calls');
});

test('a connection cut in the middle of the answer rejects instead of answering short; an abort rejects', async (t) => {
  const server = createServer((req, res) => {
    if (req.url === '/cut') {
      res.writeHead(200, { 'content-length': '1000' });
      res.write('{"error":[],"res');
      setTimeout(() => res.socket?.destroy(), 20);
      return;
    }
    // never answers: only the abort ends the wait
  });
  const url = await listen(server);
  const transport = keepAliveFetch();
  t.after(() => { transport.close(); server.closeAllConnections(); server.close(); });
  await assert.rejects(transport(`${url}/cut`, { method: 'GET', headers: {} }));
  const controller = new AbortController();
  const pending = transport(`${url}/silent`, { method: 'GET', headers: {}, signal: controller.signal });
  setTimeout(() => controller.abort(), 30);
  await assert.rejects(pending, { name: 'AbortError' });
});
