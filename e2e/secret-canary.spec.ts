import { expect, test } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { sealData } from 'iron-session';
import { openDatabase } from '../lib/db';
import { SESSION_COOKIE_NAME, SESSION_TTL_SECONDS, startSession } from '../lib/session';

/**
 * The API secret lives only in server memory. A second demo is started with a recognisable canary secret; after
 * pages, RSC payloads and every account API (including failures) were exercised, the canary must appear in no
 * response, no line the desk or exchange logged, and no file under .next/.
 */
const ROOT = resolve(import.meta.dirname, '..');
const DESK_PORT = 3520;
const EXCHANGE_PORT = 3521;
const BASE = `http://127.0.0.1:${DESK_PORT}`;
const CANARY = Buffer.concat([Buffer.from('KDCANARY'), randomBytes(56)]).toString('base64');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

test.describe('API secret canary', () => {
  let child: ChildProcess | undefined;
  let dataDir = '';
  const logs: string[] = [];

  test.afterAll(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await new Promise((r) => child!.once('exit', r));
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  test('the canary secret is nowhere in responses, HTML, RSC payloads, logs or .next/', async () => {
    test.setTimeout(120_000);
    dataDir = mkdtempSync(join(tmpdir(), 'kraken-desk-canary-'));
    const exchangeData = join(dataDir, `exchange-${EXCHANGE_PORT}`);
    mkdirSync(exchangeData, { recursive: true });
    writeFileSync(join(exchangeData, 'demo-api-key.json'), JSON.stringify({ key: 'canary-key', secret: CANARY }), { mode: 0o600 });
    child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'server/demo.ts')], {
      cwd: ROOT,
      env: { ...process.env, PORT: String(DESK_PORT), EXCHANGE_PORT: String(EXCHANGE_PORT), DATA_DIR: dataDir, DEMO_SKIP_BUILD: '1', NEXT_TELEMETRY_DISABLED: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (c: Buffer) => logs.push(c.toString('utf8')));
    child.stderr!.on('data', (c: Buffer) => logs.push(c.toString('utf8')));
    await expect.poll(async () => (await fetch(`${BASE}/api/health`).catch(() => undefined))?.status, { timeout: 90_000, intervals: [500] }).toBe(200);

    const db = openDatabase(join(dataDir, `desk-${DESK_PORT}.sqlite`));
    const password = readFileSync(join(dataDir, 'session-password'), 'utf8').trim();
    const cookieOf = async (name: string) => {
      const member = (await db.members.findByUsername(name))!;
      return `${SESSION_COOKIE_NAME}=${encodeURIComponent(await sealData(await startSession(db, member), { password, ttl: SESSION_TTL_SECONDS }))}`;
    };
    const admin = await cookieOf('admin');
    const trader = await cookieOf('trader');
    db.close();

    const seen: string[] = [];
    const get = async (path: string, cookie: string, headers: Record<string, string> = {}) => {
      const res = await fetch(`${BASE}${path}`, { headers: { cookie, ...headers } });
      seen.push(`${path} ${res.status}\n${JSON.stringify([...res.headers])}\n${await res.text()}`);
      return res.status;
    };
    const send = async (method: string, path: string, body: unknown, cookie = trader) => {
      const res = await fetch(`${BASE}${path}`, { method, headers: { cookie, origin: BASE, 'content-type': 'application/json' }, body: JSON.stringify(body) });
      seen.push(`${method} ${path} ${res.status}\n${await res.text()}`);
      return res.status;
    };
    for (const page of ['/markets', '/trade/BTC-USD', '/orders', '/balances', '/admin', '/login']) {
      await get(page, admin);
      await get(page, admin, { RSC: '1' });
    }
    expect(await get('/api/balances', trader)).toBe(200);
    expect(await get('/api/orders?status=open', trader)).toBe(200);
    expect(await get('/api/orders?status=closed', trader)).toBe(200);
    expect(await get('/api/orders/preview?symbol=BTC/USD&side=buy&type=market&volume=0.001', trader)).toBe(200);
    expect(await send('POST', '/api/orders', { symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.001', price: '1000.0', idempotencyKey: randomUUID() })).toBe(201);
    // Refusals travel through the error paths (Kraken error mapping, zod, AppError) and the server log.
    // 5,000,000 USD: above the demo's four-eyes threshold, so it waits for approval (202) and is not placed
    expect(await send('POST', '/api/orders', { symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '5000', price: '1000.0', idempotencyKey: randomUUID(), confirm: true })).toBe(202);
    expect(await send('POST', '/api/orders', { nonsense: true })).toBe(400);
    expect(await send('DELETE', '/api/orders/OAAAAA-BBBBB-CCCCCC', undefined)).toBe(404);
    expect(await send('POST', '/api/orders/cancel-all', { confirm: true })).toBe(200);
    expect(await get('/api/audit?format=json&verify=1', admin)).toBe(200);
    expect(await get('/api/audit?format=csv', admin)).toBe(200);
    expect(await get('/api/desk', admin)).toBe(200);

    const haystacks = { responses: seen.join('\n'), logs: logs.join('') };
    for (const [where, text] of Object.entries(haystacks)) expect(text.includes(CANARY), `canary in ${where}`).toBe(false);
    expect(haystacks.responses.length).toBeGreaterThan(10_000);
    const builtFiles = filesUnder(join(ROOT, '.next'));
    const leaking = builtFiles.filter((file) => readFileSync(file).includes(CANARY));
    expect(leaking, 'files under .next/ holding the canary').toEqual([]);
    test.info().annotations.push({ type: 'canary', description: `${seen.length} responses (${haystacks.responses.length} chars), ${haystacks.logs.length} log chars, ${builtFiles.length} .next files: 0 hits` });
  });
});
