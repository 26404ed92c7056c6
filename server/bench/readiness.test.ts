import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { waitUntilReady } from './readiness';

const idleChild = () => spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });

test('waits until the server answers, however late it starts listening', async (t) => {
  const child = idleChild();
  t.after(() => child.kill());
  const server = createServer((_req, res) => res.end('ok'));
  t.after(() => server.close());
  // a port nothing listens on yet: take one, free it, listen on it again a moment later
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  server.close();
  await once(server, 'close');
  setTimeout(() => server.listen(port, '127.0.0.1'), 700);
  await waitUntilReady({ url: `http://127.0.0.1:${port}/`, what: 'the test server', child, timeoutMs: 30_000 });
});

test('fails at once, naming the exit, when the process that should serve exits first', async () => {
  const child = spawn(process.execPath, ['-e', 'process.exit(3)'], { stdio: 'ignore' });
  await once(child, 'exit');
  await assert.rejects(
    waitUntilReady({ url: 'http://127.0.0.1:9/', what: 'the demo desk', child, timeoutMs: 30_000 }),
    /the demo desk exited \(3\) before it answered/,
  );
});

test('gives up after its bound when nothing ever answers', async (t) => {
  const child = idleChild();
  t.after(() => child.kill());
  await assert.rejects(
    waitUntilReady({ url: 'http://127.0.0.1:9/', what: 'the bare Next app', child, timeoutMs: 500 }),
    /the bare Next app did not answer http:\/\/127\.0\.0\.1:9\/ within 1 s/,
  );
});

test('fails, naming the status, when the server only ever answers errors', async (t) => {
  const child = idleChild();
  t.after(() => child.kill());
  const server = createServer((_req, res) => {
    res.statusCode = 500;
    res.end();
  });
  t.after(() => server.close());
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  await assert.rejects(
    waitUntilReady({ url: `http://127.0.0.1:${port}/`, what: 'the bare Next app', child, timeoutMs: 30_000, failingMs: 500 }),
    /the bare Next app answers 500 at http:\/\/127\.0\.0\.1:\d+\/ \(for 0\.5 s\)/,
  );
});
