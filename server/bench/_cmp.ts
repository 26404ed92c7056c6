import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDeskDatabase } from '../../lib/db';
import { call, sessionCookie } from '../multi/desk-api';
import { startInstance } from '../multi/instances';
import { directClient, keyEnv } from '../multi/testing/direct-client';
import { restingBuyPrice } from '../orders/fixture';
import { startExchange } from '../simulator/exchange';
import { median } from './stats';
import { keepAliveFetch } from '../kraken-transport';
const key = (name: string) => ({ key: `bench-${name}`, secret: randomBytes(64).toString('base64') });
const N = Number(process.env.N ?? 200);
const dataDir = mkdtempSync(join(tmpdir(), 'kd-prof-'));
const location = join(dataDir, 'desk.sqlite');
const deskKey = key('desk'); const directKey = key('direct');
const exchange = await startExchange({ seed: 31, apiKeys: [deskKey, directKey], tier: 'pro' });
exchange.market.stop();
const db = openDeskDatabase(location); await db.ready();
const SESSION_PASSWORD = 'order-path-bench-session-password-000000';
const trader = await db.members.create({ username: 'bench', passwordHash: 'not-a-login', role: 'trader' });
const cookie = await sessionCookie(db, trader, SESSION_PASSWORD);
const desk = await startInstance('prof', {
  DESK_MODE: 'live', SESSION_PASSWORD, DATA_DIR: dataDir, KRAKEN_TIER: 'pro', DATABASE_PATH: location,
  KRAKEN_REST_URL: exchange.restUrl, KRAKEN_WS_URL: exchange.wsUrl, KRAKEN_WS_AUTH_URL: exchange.wsAuthUrl, ...keyEnv(deskKey),
});
const transport = keepAliveFetch();
const direct = directClient(exchange.restUrl, directKey, { tier: 'pro', fetch: transport });
const price = await restingBuyPrice(direct);
const t2 = keepAliveFetch();
const res: Record<string, number[]> = {};
const kinds: Record<string, () => Promise<unknown>> = {
  healthUndici: async () => (await fetch(`${desk.origin}/api/health`)).text(),
  healthHttp: async () => (await t2(`${desk.origin}/api/health`, { method: 'GET', headers: {} })).text(),
  exTimeUndici: async () => (await fetch(`${exchange.restUrl}/0/public/Time`)).text(),
  exTimeHttp: async () => (await t2(`${exchange.restUrl}/0/public/Time`, { method: 'GET', headers: {} })).text(),
  direct: () => direct.private.addOrder({ pair: 'BTC/USD', side: 'buy', orderType: 'limit', volume: '0.001', price, clOrdId: randomUUID() }),
  orderUndici: () => call(desk, cookie, 'POST', '/api/orders', { symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.001', price, idempotencyKey: randomUUID() }),
  orderHttp: async () => (await t2(`${desk.origin}/api/orders`, { method: 'POST', headers: { cookie, origin: desk.origin, 'content-type': 'application/json' }, body: JSON.stringify({ symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.001', price, idempotencyKey: randomUUID() }) })).text(),
};
for (let i = 0; i < 50; i++) for (const k of ['healthUndici', 'healthHttp', 'exTimeUndici', 'exTimeHttp']) await kinds[k]!();
for (let i = 0; i < N; i++) for (const [k, f] of Object.entries(kinds)) { if (k.startsWith('order') && i >= 40) continue; if (k === 'direct' && i >= 40) continue; const t = performance.now(); await f(); (res[k] ??= []).push(performance.now() - t); }
console.log(Object.fromEntries(Object.entries(res).map(([k, v]) => [k, +median(v).toFixed(2)])));
transport.close(); t2.close();
await desk.stop(); await db.close(); await exchange.close();
process.exit(0);
