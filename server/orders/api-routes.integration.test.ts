/**
 * The app/api route handlers themselves (each wrapped by lib/http/handler.ts), called with constructed Requests and real
 * sealed session cookies: every role × every mutating route, cross-origin and missing Origin, JSON content type,
 * revoked sessions, and 1,000 malformed bodies against the real service and exchange.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { sealData } from 'iron-session';
import type { Member } from '../../lib/db';
import * as audit from '../../app/api/audit/route';
import * as balances from '../../app/api/balances/route';
import * as deadMan from '../../app/api/desk/dead-man/route';
import * as freeze from '../../app/api/desk/freeze/route';
import * as limits from '../../app/api/desk/limits/[memberId]/route';
import * as thresholds from '../../app/api/desk/thresholds/route';
import * as order from '../../app/api/orders/[id]/route';
import * as cancelAll from '../../app/api/orders/cancel-all/route';
import * as preview from '../../app/api/orders/preview/route';
import * as orders from '../../app/api/orders/route';
import { refusalWindow } from '../../lib/auth/refusal-audit';
import { handleRoute, type ApiServices, type Route as RouteSpec, type RouteEnv } from '../../lib/http/handler';
import { createOriginPolicy } from '../../lib/origin';
import { memberFromCookieHeader, SESSION_COOKIE_NAME, SESSION_TTL_SECONDS, startSession } from '../../lib/session';
import { restingBuyPrice, startDeskFixture, type DeskFixture } from './fixture';

/** The route files' exports under the names the old route table used. */
const API_ROUTES = {
  placeOrder: orders.POST, listOrders: orders.GET, previewPost: preview.POST, cancelOrder: order.DELETE, amendOrder: order.PATCH,
  cancelAll: cancelAll.POST, freeze: freeze.POST, deadMan: deadMan.POST, thresholds: thresholds.PUT, setLimits: limits.PUT,
  balances: balances.GET, audit: audit.GET,
};

const PASSWORD = 'a-test-session-password-of-at-least-32-chars';
const ORIGIN = 'http://desk.test:3000';
let desk: DeskFixture;
let services: ApiServices;
let env: RouteEnv;
let price: string;

before(async () => {
  desk = await startDeskFixture();
  services = { orders: desk.service, db: desk.db };
  const isAllowed = createOriginPolicy({ PUBLIC_ORIGIN: ORIGIN, HOST: '127.0.0.1', PORT: 3000, ALLOWED_ORIGINS: undefined });
  env = { currentMember: async () => null, isAllowedOrigin: isAllowed, service: () => services };
  price = await restingBuyPrice(desk.kraken);
});
after(() => desk.close());

const cookieFor = async (member: Member) => `${SESSION_COOKIE_NAME}=${encodeURIComponent(await sealData(await startSession(desk.db, member), { password: PASSWORD, ttl: SESSION_TTL_SECONDS }))}`;

/** Calls a route the way Next would, resolving the member from the request's cookie like lib/server/session does. */
function call(spec: RouteSpec, req: Request, params: Record<string, string>, service: () => ApiServices = () => services): Promise<Response> {
  return handleRoute(spec, req, params, {
    ...env,
    service,
    currentMember: () => memberFromCookieHeader(desk.db, req.headers.get('cookie'), PASSWORD),
  });
}

function request(method: string, path: string, options: { cookie?: string; origin?: string | null; type?: string; body?: string } = {}): Request {
  const headers: Record<string, string> = {};
  if (options.cookie) headers.cookie = options.cookie;
  if (options.origin !== null) headers.origin = options.origin ?? ORIGIN;
  if (options.body !== undefined) headers['content-type'] = options.type ?? 'application/json';
  return new Request(`${ORIGIN}${path}`, { method, headers, body: options.body });
}

const MUTATIONS: { name: string; spec: RouteSpec; method: string; path: string; params: Record<string, string>; body?: unknown }[] = [
  { name: 'POST /api/orders', spec: API_ROUTES.placeOrder, method: 'POST', path: '/api/orders', params: {}, body: { symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.001', price: '1000', idempotencyKey: randomUUID() } },
  { name: 'POST /api/orders/preview', spec: API_ROUTES.previewPost, method: 'POST', path: '/api/orders/preview', params: {}, body: { symbol: 'BTC/USD', side: 'buy', type: 'market', volume: '0.001' } },
  { name: 'DELETE /api/orders/{id}', spec: API_ROUTES.cancelOrder, method: 'DELETE', path: '/api/orders/OAAAAA-BBBBB-CCCCCC', params: { id: 'OAAAAA-BBBBB-CCCCCC' } },
  { name: 'PATCH /api/orders/{id}', spec: API_ROUTES.amendOrder, method: 'PATCH', path: '/api/orders/OAAAAA-BBBBB-CCCCCC', params: { id: 'OAAAAA-BBBBB-CCCCCC' }, body: { price: '1000' } },
  { name: 'POST /api/orders/cancel-all', spec: API_ROUTES.cancelAll, method: 'POST', path: '/api/orders/cancel-all', params: {}, body: { confirm: true } },
  { name: 'POST /api/desk/freeze', spec: API_ROUTES.freeze, method: 'POST', path: '/api/desk/freeze', params: {}, body: { frozen: false } },
  { name: 'POST /api/desk/dead-man', spec: API_ROUTES.deadMan, method: 'POST', path: '/api/desk/dead-man', params: {}, body: { enabled: false } },
  { name: 'PUT /api/desk/thresholds', spec: API_ROUTES.thresholds, method: 'PUT', path: '/api/desk/thresholds', params: {}, body: {} },
  { name: 'PUT /api/desk/limits/{memberId}', spec: API_ROUTES.setLimits, method: 'PUT', path: '/api/desk/limits/1', params: { memberId: '1' }, body: { maxOrderUsd: null, maxDayUsd: null, allowedPairs: null, allowedTypes: null } },
];

const ROLE_RANK = { viewer: 0, trader: 1, admin: 2 } as const;

async function errorCode(response: Response): Promise<string> {
  const body = (await response.json()) as { error?: { code: string; message: string } };
  assert.ok(body.error?.message, 'every refusal carries a message');
  assert.match(response.headers.get('cache-control') ?? '', /^no-store\b/);
  return body.error.code;
}

describe('roles × mutating routes', () => {
  test('no session 401, role too low 403, cross-origin and missing Origin 403, non-JSON 415 — and the service is never reached', async (t) => {
    const untouchable = () => { throw new Error('the service must not be reached'); };
    const members = { viewer: desk.viewer, trader: desk.trader, admin: desk.admin };
    let checks = 0;
    for (const route of MUTATIONS) {
      const body = route.body === undefined ? undefined : JSON.stringify(route.body);
      const expect = async (req: Request, status: number, code: string) => {
        const response = await call(route.spec, req, route.params, untouchable);
        assert.equal(response.status, status, `${route.name}: ${req.headers.get('origin') ?? 'no origin'} → ${status}`);
        assert.equal(await errorCode(response), code, route.name);
        checks++;
      };
      await expect(request(route.method, route.path, { body }), 401, 'unauthenticated');
      for (const [role, member] of Object.entries(members) as [keyof typeof members, Member][]) {
        const cookie = await cookieFor(member);
        await expect(request(route.method, route.path, { cookie, body, origin: 'https://evil.example' }), 403, 'cross_origin');
        await expect(request(route.method, route.path, { cookie, body, origin: null }), 403, 'cross_origin');
        if (ROLE_RANK[role] < ROLE_RANK[route.spec.role]) await expect(request(route.method, route.path, { cookie, body }), 403, 'forbidden');
        else if (body !== undefined) await expect(request(route.method, route.path, { cookie, body, type: 'text/plain' }), 415, 'unsupported_media_type');
      }
    }
    t.diagnostic(`${MUTATIONS.length} mutating routes × (no session, 3 roles × cross-origin/missing Origin/role/content type): ${checks} refusals, service never called`);
  });

  test('reads: viewer reads orders and balances, only admin reads the audit log', async () => {
    const viewer = await cookieFor(desk.viewer);
    const open = await call(API_ROUTES.listOrders, request('GET', '/api/orders?status=open', { cookie: viewer }), {});
    assert.equal(open.status, 200);
    assert.match(open.headers.get('cache-control') ?? '', /^no-store\b/);
    assert.equal((await call(API_ROUTES.balances, request('GET', '/api/balances', { cookie: viewer }), {})).status, 200);
    assert.equal((await call(API_ROUTES.audit, request('GET', '/api/audit', { cookie: viewer }), {})).status, 403);
    assert.equal((await call(API_ROUTES.balances, request('GET', '/api/balances'), {})).status, 401);
    const csv = await call(API_ROUTES.audit, request('GET', '/api/audit?format=csv', { cookie: await cookieFor(desk.admin) }), {});
    assert.equal(csv.status, 200);
    assert.match(csv.headers.get('content-type') ?? '', /text\/csv/);
    assert.match((await csv.text()).split('\r\n')[0]!, /^seq,at,actorId,actor,action,phase/);
  });

  test('a session is revoked by logout (version bump) and by disabling: the old cookie gets 401', async () => {
    const member = await desk.db.members.create({ username: 'leaver', passwordHash: 'x', role: 'trader' });
    const cookie = await cookieFor(member);
    assert.equal((await call(API_ROUTES.balances, request('GET', '/api/balances', { cookie }), {})).status, 200);
    await desk.db.members.bumpSessionVersion(member.id);
    assert.equal((await call(API_ROUTES.balances, request('GET', '/api/balances', { cookie }), {})).status, 401, 'after logout');
    const fresh = await cookieFor((await desk.db.members.findById(member.id))!);
    assert.equal((await call(API_ROUTES.balances, request('GET', '/api/balances', { cookie: fresh }), {})).status, 200);
    await desk.db.members.setDisabled(member.id, true);
    const replayed = await call(API_ROUTES.placeOrder, request('POST', '/api/orders', { cookie: fresh, body: JSON.stringify(MUTATIONS[0]!.body) }), {});
    assert.equal(replayed.status, 401, 'after disabling');
  });
});

/** Deterministic PRNG so the malformed corpus is the same every run. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function malformedBodies(count: number): string[] {
  const random = prng(42);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const good = () => ({ symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.001', price, idempotencyKey: randomUUID() });
  const breakers: (() => string)[] = [
    () => pick(['', '{', '[', 'null', 'true', '42', '"text"', '{"a":', '{"symbol":"BTC/USD",}', '\u0000', 'NaN', '{}', '[]']),
    () => JSON.stringify({ ...good(), [pick(['symbol', 'side', 'type', 'volume', 'idempotencyKey'])]: undefined }),
    () => JSON.stringify({ ...good(), [pick(['symbol', 'side', 'type', 'volume', 'price', 'idempotencyKey', 'flags', 'timeInForce'])]: pick([null, 1e308, -1, {}, [1], true, 'x'.repeat(200), '1e5', '-0.1', '0', 'NaN']) }),
    () => JSON.stringify({ ...good(), [`extra${Math.floor(random() * 100)}`]: 1 }),
    () => JSON.stringify({ ...good(), type: 'market' }),
    () => JSON.stringify({ ...good(), volume: pick(['0.000000001', '0.00001', '1.123456789']) }),
    () => JSON.stringify({ ...good(), price: `${price}${pick(['1', '01', '.05', '3'])}` }),
    () => JSON.stringify({ ...good(), symbol: pick(['FOO/BAR', 'BTC', 'BTC/USD/EUR', '../../etc', 'btc usd']) }),
    () => JSON.stringify({ ...good(), flags: pick([['post', 'post'], ['fcib', 'fciq'], ['viqc'], ['bogus']]) }),
    () => JSON.stringify({ ...good(), timeInForce: 'GTD' }),
    () => JSON.stringify(Array.from({ length: 5 }, good)),
    () => JSON.stringify({ ...good(), idempotencyKey: pick(['not-a-uuid', '', '123', 'DROP TABLE desk_orders']) }),
  ];
  return Array.from({ length: count }, () => pick(breakers)());
}

describe('malformed API bodies', () => {
  test('1,000 malformed order bodies → 4xx with a message each, no rows written, the desk still places orders', async (t) => {
    const cookie = await cookieFor(desk.trader);
    const ordersBefore = await desk.db.deskOrders.count();
    const auditBefore = await desk.db.audit.count();
    const statuses = new Map<number, number>();
    for (const body of malformedBodies(1000)) {
      const response = await call(API_ROUTES.placeOrder, request('POST', '/api/orders', { cookie, body }), {});
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      assert.ok(response.status >= 400 && response.status < 500, `${response.status} for ${body.slice(0, 120)}`);
      const json = (await response.json()) as { error: { code: string; message: string } };
      assert.ok(json.error.message.length > 5, `a message for ${body.slice(0, 80)}`);
    }
    t.diagnostic(`1,000 malformed bodies → ${[...statuses].sort().map(([s, n]) => `${n}× ${s}`).join(', ')}`);
    assert.equal(await desk.db.deskOrders.count(), ordersBefore, 'no desk order rows written');
    const rows = (await desk.db.audit.all()).slice(auditBefore);
    assert.ok(rows.every((r) => r.phase === 'event' && r.outcome === 'refused'), 'nothing was signed: only refusals were audited');
    // Refusals are aggregated (lib/auth/refusal-audit.ts): the first of each reason and pair is written at once, the
    // repeats are counted into a summary row when the window closes — flushed here so the counts can be added up.
    const refused = (statuses.get(404) ?? 0) + (statuses.get(422) ?? 0);
    assert.ok(rows.length > 0 && rows.length < refused, `${rows.length} rows at once for ${refused} refusals`);
    await refusalWindow(desk.db.audit).flush();
    const counted = (await desk.db.audit.all()).slice(auditBefore).filter((r) => r.outcome === 'refused');
    assert.equal(counted.reduce((sum, r) => sum + Number(JSON.parse(r.detail).count), 0), refused, 'each ticket the desk refused (past the schema) is counted in the audit log');
    const ok = await call(API_ROUTES.placeOrder, request('POST', '/api/orders', { cookie, body: JSON.stringify({ symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.001', price, idempotencyKey: randomUUID() }) }), {});
    assert.equal(ok.status, 201);
    const placed = (await ok.json()) as { order: { txid: string; member: { username: string } } };
    assert.match(placed.order.txid, /^O[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{6}$/);
    assert.equal(placed.order.member.username, 'tom');
  });
});
