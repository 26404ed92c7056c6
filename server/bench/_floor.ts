import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDeskDatabase } from '../../lib/db';
import { call, sessionCookie } from '../../server/multi/desk-api';
import { startInstance } from '../../server/multi/instances';
import { directClient, keyEnv } from '../../server/multi/testing/direct-client';
import { restingBuyPrice } from '../../server/orders/fixture';
import { startExchange } from '../../server/simulator/exchange';
import { median } from '../../server/bench/stats';

const SESSION_PASSWORD = 'order-path-bench-session-password-000000';
const key = (name: string) => ({ key: `bench-${name}`, secret: randomBytes(64).toString('base64') });
const dataDir = mkdtempSync(join(tmpdir(), 'kd-floor-'));
const deskKey = key('desk'); const directKey = key('direct');
const exchange = await startExchange({ seed: 31, apiKeys: [deskKey, directKey], tier: 'pro' });
exchange.market.stop();
const db = openDeskDatabase(join(dataDir, 'desk.sqlite'));
await db.ready();
const trader = await db.members.create({ username: 'bench', passwordHash: 'not-a-login', role: 'trader' });
const cookie = await sessionCookie(db, trader, SESSION_PASSWORD);
const cookies: string[] = [];
for (let m = 0; m < 12; m++) cookies.push(await sessionCookie(db, await db.members.create({ username: `bench${m}`, passwordHash: 'x', role: 'trader' }), SESSION_PASSWORD));
let turn = 0;
const desk = await startInstance('floor', {
  DESK_MODE: 'live', SESSION_PASSWORD, DATA_DIR: dataDir, KRAKEN_TIER: 'pro', DATABASE_PATH: join(dataDir, 'desk.sqlite'),
  KRAKEN_REST_URL: exchange.restUrl, KRAKEN_WS_URL: exchange.wsUrl, KRAKEN_WS_AUTH_URL: exchange.wsAuthUrl,
  ...keyEnv(deskKey),
}, process.env.PROF ? [process.execPath, `--cpu-prof`, `--cpu-prof-dir=${process.env.PROF}`, '/work/main/node_modules/next/dist/bin/next', 'start', '-H', '127.0.0.1', '-p', '{PORT}'] : undefined);
const direct = directClient(exchange.restUrl, directKey, { tier: 'pro' });
const price = await restingBuyPrice(direct);
const SYMS = ['ETH/USD', 'LTC/USD', 'SOL/USD'];
const prices: Record<string, string> = {};
for (const s of SYMS) prices[s] = await restingBuyPrice(direct, s).catch(() => '');
const order = () => ({ symbol: 'BTC/USD', side: 'buy' as const, type: 'limit' as const, volume: '0.001', price });
const directOrder = () => direct.private.addOrder({ pair: 'BTC/USD', side: 'buy', orderType: 'limit', volume: '0.001', price, clOrdId: randomUUID() });
const N = Number(process.env.N ?? 40);
const kinds: Record<string, () => Promise<unknown>> = {
  health: () => fetch(`${desk.origin}/api/health`).then((r) => r.text()),
  settings: () => call(desk, cookie, 'GET', '/api/me/settings'),
  preview: () => call(desk, cookie, 'POST', '/api/orders/preview', order()),
  place: async () => { const a = await call(desk, cookie, 'POST', '/api/orders', { ...order(), idempotencyKey: randomUUID() }); if (a.status !== 201) throw new Error(JSON.stringify(a)); },
  direct: directOrder,
  many: async () => { const t = turn++; const sym = SYMS.filter((x) => prices[x])[t % SYMS.filter((x) => prices[x]).length]!; const a = await call(desk, cookies[t % cookies.length]!, 'POST', '/api/orders', { symbol: sym, side: 'buy', type: 'limit', volume: '0.1', price: prices[sym], idempotencyKey: randomUUID() }); if (a.status !== 201) throw new Error(JSON.stringify(a)); },
};
if (process.env.KINDS) for (const k of Object.keys(kinds)) if (!process.env.KINDS.split(',').includes(k)) delete kinds[k];
for (let i = 0; i < 3; i++) for (const f of Object.values(kinds)) await f();
const times: Record<string, number[]> = {};
for (let i = 0; i < N; i++) for (const [k, f] of Object.entries(kinds)) { const t = performance.now(); await f(); (times[k] ??= []).push(performance.now() - t); }
for (const [k, v] of Object.entries(times)) console.log(k.padEnd(10), median(v).toFixed(2), 'ms');
console.log(desk.log().split('\n').filter((l) => l.includes('TIMING')).slice(-12).join('\n'));
await desk.stop(); await db.close(); await exchange.close();
process.exit(0);
