import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { signRequest } from '../../lib/kraken/sign';
import { type RunningExchange, startExchange } from './exchange';
import { loadExchangeEnv } from './main';
import { openSocket, type WireJson } from './test-ws-client';

const KEY = 'test-key';
const SECRET = Buffer.from('exchange-test-secret-0123456789abcdef').toString('base64');
let ex: RunningExchange;
let dataDir: string;
let nonce = Date.now() * 1000;

async function privateCall(method: string, params: Record<string, string> = {}) {
  const path = `/0/private/${method}`;
  const n = String(++nonce);
  const body = new URLSearchParams({ nonce: n, ...params }).toString();
  const res = await fetch(`${ex.restUrl}${path}`, {
    method: 'POST',
    headers: { 'API-Key': KEY, 'API-Sign': signRequest(path, n, body, SECRET), 'content-type': 'application/x-www-form-urlencoded' },
    body,
  });
  return { status: res.status, body: (await res.json()) as { error: string[]; result?: WireJson } };
}

describe('startExchange', () => {
  before(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'kd-exchange-'));
    ex = await startExchange({ seed: 66, dataDir, apiKeys: [{ key: KEY, secret: SECRET }] });
  });
  after(async () => {
    await ex.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('serves on loopback with a random port and reports its URLs', () => {
    assert.ok(ex.port > 0);
    assert.equal(ex.restUrl, `http://127.0.0.1:${ex.port}`);
    assert.equal(ex.wsUrl, `ws://127.0.0.1:${ex.port}/v2`);
    assert.equal(ex.wsAuthUrl, `ws://127.0.0.1:${ex.port}/auth/v2`);
    assert.equal(ex.controlUrl, `http://127.0.0.1:${ex.port}/control`);
  });

  it('hands signed private calls, byte for byte, to the trading side', async () => {
    const balance = await privateCall('Balance');
    assert.equal(balance.status, 200);
    assert.deepEqual(balance.body.error, []);
    assert.equal(typeof balance.body.result, 'object');
    const unsigned = await fetch(`${ex.restUrl}/0/private/Balance`, { method: 'POST', body: 'nonce=1' });
    assert.equal(((await unsigned.json()) as { error: string[] }).error.length, 1);
    const huge = await fetch(`${ex.restUrl}/0/private/Balance`, { method: 'POST', body: `nonce=1&x=${'a'.repeat(70_000)}` });
    assert.equal(huge.status, 413);
    await huge.text();
  });

  it('destroys the socket without an answer for an armed lost-response on a private method', async () => {
    await fetch(`${ex.controlUrl}/faults`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'lost-response', method: 'Balance', count: 1 }) });
    const path = '/0/private/Balance';
    const n = String(++nonce);
    const body = `nonce=${n}`;
    const outcome = await new Promise<string>((resolve) => {
      const req = request(`${ex.restUrl}${path}`, {
        method: 'POST',
        headers: { 'API-Key': KEY, 'API-Sign': signRequest(path, n, body, SECRET), 'content-type': 'application/x-www-form-urlencoded' },
      }, (res) => resolve(`answered ${res.statusCode}`));
      req.on('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
      req.end(body);
    });
    assert.equal(outcome, 'ECONNRESET');
    assert.deepEqual((await privateCall('Balance')).body.error, []);
  });

  it('routes /auth/v2 upgrades to the trading side', async () => {
    const sock = await openSocket(ex.wsAuthUrl);
    sock.send({ method: 'ping', req_id: 5 });
    const pong = await sock.next((m) => m.method === 'pong');
    assert.equal(pong.json.req_id, 5);
    await sock.close();
  });

  it('closes idempotently (last: it closes the shared exchange)', async () => {
    await Promise.all([ex.close(), ex.close()]);
    await assert.rejects(fetch(`${ex.restUrl}/0/public/Time`));
  });
});

describe('npm run exchange', () => {
  it('validates every EXCHANGE_* variable at once', () => {
    assert.throws(
      () => loadExchangeEnv({ EXCHANGE_PORT: 'abc', EXCHANGE_SEED: '-4', EXCHANGE_TIER: 'gold', EXCHANGE_API_KEY: 'k', EXCHANGE_NONCE_WINDOW: 'x' }),
      (error: Error) =>
        ['EXCHANGE_PORT', 'EXCHANGE_SEED', 'EXCHANGE_TIER', 'EXCHANGE_API_SECRET', 'EXCHANGE_NONCE_WINDOW'].every((name) => error.message.includes(name)),
    );
    assert.throws(() => loadExchangeEnv({ EXCHANGE_API_KEY: 'k', EXCHANGE_API_SECRET: 'not base64!' }), /EXCHANGE_API_SECRET: must be base64/);
    const env = loadExchangeEnv({});
    assert.deepEqual(
      [env.EXCHANGE_PORT, env.EXCHANGE_HOST, env.EXCHANGE_SEED, env.EXCHANGE_DATA, env.EXCHANGE_TIER],
      [3001, '127.0.0.1', 1, 'data/exchange', 'starter'],
    );
  });

  it('EXCHANGE_API_KEY_PERMISSIONS takes Kraken permission codes or none; unset means all', () => {
    const key = { EXCHANGE_API_KEY: 'k', EXCHANGE_API_SECRET: 'c2VjcmV0' };
    assert.equal(loadExchangeEnv(key).EXCHANGE_API_KEY_PERMISSIONS, undefined);
    assert.deepEqual(loadExchangeEnv({ ...key, EXCHANGE_API_KEY_PERMISSIONS: 'none' }).EXCHANGE_API_KEY_PERMISSIONS, []);
    assert.deepEqual(
      loadExchangeEnv({ ...key, EXCHANGE_API_KEY_PERMISSIONS: ' query-funds, modify-trades,query-funds' }).EXCHANGE_API_KEY_PERMISSIONS,
      ['query-funds', 'modify-trades'],
    );
    assert.throws(
      () => loadExchangeEnv({ ...key, EXCHANGE_API_KEY_PERMISSIONS: 'query-funds,trade', EXCHANGE_API_KEY_NAME: 'x'.repeat(33) }),
      (error: Error) => /EXCHANGE_API_KEY_PERMISSIONS: unknown permission trade/.test(error.message) && error.message.includes('EXCHANGE_API_KEY_NAME'),
    );
  });

  it('starts, prints its URLs and exits cleanly on SIGTERM', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kd-exchange-main-'));
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/simulator/main.ts'], {
      env: { ...process.env, EXCHANGE_PORT: '0', EXCHANGE_DATA: dir, EXCHANGE_SEED: '3' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      let out = '';
      const restUrl = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URLs printed: ${out}`)), 15000);
        child.stdout.on('data', (chunk: Buffer) => {
          out += chunk.toString();
          const m = /REST\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
          if (m && /control\s+http/.test(out)) {
            clearTimeout(timer);
            resolve(m[1] as string);
          }
        });
      });
      const time = (await (await fetch(`${restUrl}/0/public/Time`)).json()) as { result: { unixtime: number } };
      assert.ok(time.result.unixtime > 0);
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await exited, 0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
