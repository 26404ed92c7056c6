import { expect, test } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { sealData } from 'iron-session';
import { openDatabase } from '../lib/db';
import { SESSION_COOKIE_NAME, SESSION_TTL_SECONDS, startSession } from '../lib/session';

/**
 * The real Next route files of the private path, over HTTP against the running demo: each mutating route refuses
 * no session (401), a role too low (403), a cross-site or missing Origin (403) and a non-JSON body (415).
 */
const port = Number(process.env.E2E_PORT ?? 3310);
const base = `http://127.0.0.1:${port}`;

async function cookies(): Promise<Record<'admin' | 'trader' | 'viewer', string>> {
  const dataDir = process.env.E2E_DATA_DIR!;
  const db = openDatabase(join(dataDir, `desk-${port}.sqlite`));
  const password = readFileSync(join(dataDir, 'session-password'), 'utf8').trim();
  const seal = async (name: string) => {
    const member = (await db.members.findByUsername(name))!;
    return `${SESSION_COOKIE_NAME}=${encodeURIComponent(await sealData(await startSession(db, member), { password, ttl: SESSION_TTL_SECONDS }))}`;
  };
  try {
    return { admin: await seal('admin'), trader: await seal('trader'), viewer: await seal('viewer') };
  } finally {
    db.close();
  }
}

const ROUTES: { method: string; path: string; role: 'trader' | 'admin'; body?: unknown }[] = [
  { method: 'POST', path: '/api/orders', role: 'trader', body: { symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.001', price: '1000.0', idempotencyKey: '6f9619ff-8b86-4011-b42d-00c04fc964ff' } },
  { method: 'POST', path: '/api/orders/preview', role: 'trader', body: { symbol: 'BTC/USD', side: 'buy', type: 'market', volume: '0.001' } },
  { method: 'DELETE', path: '/api/orders/OAAAAA-BBBBB-CCCCCC', role: 'trader' },
  { method: 'PATCH', path: '/api/orders/OAAAAA-BBBBB-CCCCCC', role: 'trader', body: { price: '1000.0' } },
  { method: 'POST', path: '/api/orders/cancel-all', role: 'trader', body: { confirm: true } },
  { method: 'POST', path: '/api/desk/freeze', role: 'admin', body: { frozen: true } },
  { method: 'POST', path: '/api/desk/dead-man', role: 'admin', body: { enabled: true } },
  { method: 'PUT', path: '/api/desk/thresholds', role: 'admin', body: {} },
  { method: 'PUT', path: '/api/desk/limits/1', role: 'admin', body: { maxOrderUsd: null, maxDayUsd: null, allowedPairs: null, allowedTypes: null } },
  { method: 'POST', path: '/api/approvals/1/approve', role: 'trader', body: {} },
  { method: 'POST', path: '/api/approvals/1/reject', role: 'trader', body: { reason: 'not today' } },
  { method: 'PUT', path: '/api/approvals/policy', role: 'admin', body: { aboveUsd: '50000', memberAboveUsd: {}, approvers: 'traders', lifetimeMinutes: 15 } },
];

test('mutating API routes: 401 without a session, 403 for a low role or a foreign/missing Origin, 415 without JSON', async () => {
  const who = await cookies();
  const call = async (route: (typeof ROUTES)[number], headers: Record<string, string>) => {
    const res = await fetch(`${base}${route.path}`, {
      method: route.method,
      headers: { 'content-type': 'application/json', ...headers },
      body: route.body === undefined ? undefined : JSON.stringify(route.body),
    });
    const body = (await res.json()) as { error?: { code: string; message: string } };
    expect(res.headers.get('cache-control'), route.path).toContain('no-store');
    return { status: res.status, code: body.error?.code };
  };
  let checked = 0;
  for (const route of ROUTES) {
    const label = `${route.method} ${route.path}`;
    expect(await call(route, { origin: base }), label).toEqual({ status: 401, code: 'unauthenticated' });
    expect(await call(route, { origin: 'https://evil.example', cookie: who.admin }), label).toEqual({ status: 403, code: 'cross_origin' });
    expect(await call(route, { cookie: who.admin }), label).toEqual({ status: 403, code: 'cross_origin' });
    expect(await call(route, { origin: base, cookie: who.viewer }), label).toEqual({ status: 403, code: 'forbidden' });
    if (route.role === 'admin') expect(await call(route, { origin: base, cookie: who.trader }), label).toEqual({ status: 403, code: 'forbidden' });
    if (route.body !== undefined) {
      expect(await call(route, { origin: base, cookie: who.admin, 'content-type': 'text/plain' }), label).toEqual({ status: 415, code: 'unsupported_media_type' });
    }
    checked++;
  }
  expect(checked).toBe(ROUTES.length);
  const audit = await fetch(`${base}/api/audit`, { headers: { cookie: who.viewer } });
  expect(audit.status).toBe(403);
  const balances = await fetch(`${base}/api/balances`, { headers: { cookie: who.viewer } });
  expect(balances.status).toBe(200);
  expect(((await balances.json()) as { balances: unknown[] }).balances.length).toBeGreaterThan(0);
});

test('refusals of signed-in members are audited once per window, unknown pairs and oversized bodies are refused', async () => {
  const who = await cookies();
  const freeze = () => fetch(`${base}/api/desk/dead-man`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin: base, cookie: who.viewer }, body: JSON.stringify({ enabled: true }),
  });
  for (let i = 0; i < 30; i += 1) expect((await freeze()).status).toBe(403);
  const page = (await (await fetch(`${base}/api/audit?limit=1000`, { headers: { cookie: who.admin } })).json()) as { rows: { actor: string; action: string; outcome: string; detail: string }[] };
  const refusals = page.rows.filter((r) => r.action === 'POST /api/desk/dead-man' && r.actor === 'viewer');
  // 31 refused attempts (one in the test above): the first of each minute is written, the rest only counted.
  expect(refusals.length).toBeGreaterThanOrEqual(1);
  expect(refusals.length).toBeLessThanOrEqual(2);
  for (const row of refusals) {
    expect(row.outcome).toBe('refused');
    expect(JSON.parse(row.detail)).toMatchObject({ reason: 'forbidden', role: 'viewer', needs: 'admin', count: 1 });
  }

  const pairs = await fetch(`${base}/api/desk/limits/1`, {
    method: 'PUT', headers: { 'content-type': 'application/json', origin: base, cookie: who.admin },
    body: JSON.stringify({ maxOrderUsd: null, maxDayUsd: null, allowedPairs: ['FOO/USD'], allowedTypes: null }),
  });
  expect(pairs.status).toBe(400);
  expect(((await pairs.json()) as { error: { code: string } }).error.code).toBe('unknown_pair');

  const big = await fetch(`${base}/api/orders/preview`, {
    method: 'POST', headers: { 'content-type': 'application/json', origin: base, cookie: who.trader }, body: `{"pad":"${'x'.repeat(2 * 1024 * 1024)}"}`,
  });
  expect(big.status).toBe(413);
  expect(((await big.json()) as { error: { code: string } }).error.code).toBe('payload_too_large');
});
