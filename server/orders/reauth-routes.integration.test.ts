/**
 * Re-authentication before sensitive actions, on every such door: each sensitive JSON API route (as app/api binds
 * it) refuses a session whose last password/code is older than 5 minutes with 403 `reauth_required` and a message
 * a person understands, without reaching the service or changing anything; after re-authenticating the same
 * request goes through. Server actions run inside Next, so their table is checked on their source: each sensitive
 * action is declared `reauth: true` to the one wrapper (lib/http/handler.ts), which routes share.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { after, before, describe, test } from 'node:test';
import { sealData } from 'iron-session';
import { hashPassword } from '../../lib/auth/password';
import { REAUTH_WINDOW_MS } from '../../lib/auth/reauth';
import { reauthenticate } from '../../lib/auth/reauthenticate';
import { createSecretBox } from '../../lib/auth/secret-box';
import { LoginThrottle } from '../../lib/auth/throttle';
import type { Member } from '../../lib/db';
import { randomUUID } from 'node:crypto';
import * as approve from '../../app/api/approvals/[id]/approve/route';
import * as reject from '../../app/api/approvals/[id]/reject/route';
import * as approvalPolicy from '../../app/api/approvals/policy/route';
import * as deadMan from '../../app/api/desk/dead-man/route';
import * as freeze from '../../app/api/desk/freeze/route';
import * as limits from '../../app/api/desk/limits/[memberId]/route';
import * as thresholds from '../../app/api/desk/thresholds/route';
import { handleRoute, type ApiServices, type Route } from '../../lib/http/handler';
import { memberFromCookieHeader, SESSION_COOKIE_NAME, SESSION_TTL_SECONDS, startSession } from '../../lib/session';
import { restingBuyPrice, startDeskFixture, type DeskFixture } from './fixture';

const PASSWORD = 'a-test-session-password-of-at-least-32-chars';
const ORIGIN = 'http://desk.test';
let desk: DeskFixture;
/** how far the database's clock stands from the wall clock: sessions started "6 minutes ago" */
let dbOffsetMs = 0;
let admin: Member;

before(async () => {
  desk = await startDeskFixture({ dbNow: () => new Date(Date.now() + dbOffsetMs) });
  admin = await desk.db.members.create({ username: 'root-admin', passwordHash: await hashPassword('admin-password-1'), role: 'admin' });
});
after(() => desk.close());

/** A signed-in admin whose sign-in (and so last re-authentication) was `ageMs` ago. */
async function sessionAged(ageMs: number): Promise<{ cookie: string; member: () => Promise<Member> }> {
  dbOffsetMs = -ageMs;
  const data = await startSession(desk.db, admin);
  dbOffsetMs = 0;
  const cookie = `${SESSION_COOKIE_NAME}=${encodeURIComponent(await sealData(data, { password: PASSWORD, ttl: SESSION_TTL_SECONDS }))}`;
  return { cookie, member: async () => (await memberFromCookieHeader(desk.db, cookie, PASSWORD))! };
}

const SENSITIVE_ROUTES: { name: string; spec: Route; method: string; path: () => string; params: () => Record<string, string>; body: unknown }[] = [
  {
    name: 'PUT /api/approvals/policy', spec: approvalPolicy.PUT, method: 'PUT', path: () => '/api/approvals/policy', params: () => ({}),
    body: { aboveUsd: '60000', memberAboveUsd: {}, approvers: 'traders', lifetimeMinutes: 15 },
  },
  { name: 'POST /api/desk/freeze', spec: freeze.POST, method: 'POST', path: () => '/api/desk/freeze', params: () => ({}), body: { frozen: false } },
  { name: 'POST /api/desk/dead-man', spec: deadMan.POST, method: 'POST', path: () => '/api/desk/dead-man', params: () => ({}), body: { enabled: false } },
  { name: 'PUT /api/desk/thresholds', spec: thresholds.PUT, method: 'PUT', path: () => '/api/desk/thresholds', params: () => ({}), body: { confirmNotionalUsd: '30000' } },
  {
    name: 'PUT /api/desk/limits/{memberId}', spec: limits.PUT, method: 'PUT', path: () => `/api/desk/limits/${desk.trader.id}`,
    params: () => ({ memberId: String(desk.trader.id) }), body: { maxOrderUsd: '1000', maxDayUsd: null, allowedPairs: null, allowedTypes: null },
  },
];

function call(route: (typeof SENSITIVE_ROUTES)[number], cookie: string, service: () => ApiServices) {
  const req = new Request(`${ORIGIN}${route.path()}`, {
    method: route.method, headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify(route.body),
  });
  return handleRoute(route.spec, req, route.params(), {
    currentMember: () => memberFromCookieHeader(desk.db, req.headers.get('cookie'), PASSWORD),
    isAllowedOrigin: (o: string | null) => o === ORIGIN,
    service,
  });
}

describe('sensitive JSON API routes need a re-authentication from the last 5 minutes', () => {
  for (const route of SENSITIVE_ROUTES) {
    test(`${route.name}: stale → 403 reauth_required, nothing changes; after re-authenticating → done`, async () => {
      const stale = await sessionAged(REAUTH_WINDOW_MS + 60_000);
      const before = { settings: await desk.db.deskSettings.get(), limits: await desk.db.limits.get(desk.trader.id), audit: (await desk.db.audit.all()).length };
      // the handler gets the services object before its first line runs: any use of it fails the test
      const untouchable = new Proxy({}, { get: () => { throw new Error('the service must not be reached'); } }) as ApiServices;
      const refused = await call(route, stale.cookie, () => untouchable);
      assert.equal(refused.status, 403);
      const body = (await refused.json()) as { error: { code: string; message: string } };
      assert.equal(body.error.code, 'reauth_required');
      assert.match(body.error.message, /confirm it is you: enter your password \(or your authenticator code\) again/i);
      assert.deepEqual(
        { settings: await desk.db.deskSettings.get(), limits: await desk.db.limits.get(desk.trader.id), audit: (await desk.db.audit.all()).length },
        before, 'a refused request changes nothing',
      );

      const services = { orders: desk.service, db: desk.db };
      const deps = { db: desk.db, loginThrottle: new LoginThrottle(), secondFactor: { db: desk.db, box: createSecretBox(PASSWORD), throttle: new LoginThrottle() } };
      await reauthenticate(deps, await stale.member(), { password: 'admin-password-1' }, '127.0.0.1');
      const done = await call(route, stale.cookie, () => services);
      assert.equal(done.status, 200, await done.clone().text());
    });
  }

  test('just inside the window is fine, just outside is not', async () => {
    const inside = await sessionAged(REAUTH_WINDOW_MS - 30_000);
    const services = { orders: desk.service, db: desk.db };
    assert.equal((await call(SENSITIVE_ROUTES.find((r) => r.name === 'PUT /api/desk/thresholds')!, inside.cookie, () => services)).status, 200);
    const outside = await sessionAged(REAUTH_WINDOW_MS + 1_000);
    assert.equal((await call(SENSITIVE_ROUTES.find((r) => r.name === 'PUT /api/desk/thresholds')!, outside.cookie, () => services)).status, 403);
  });
});

describe('approving or rejecting a four-eyes request needs a re-authentication from the last 5 minutes too', () => {
  /** A trader's order above the approval threshold: a pending request the admin may decide. */
  async function pendingRequest(): Promise<number> {
    await desk.service.approvals.setPolicy(desk.admin, { aboveUsd: '1', memberAboveUsd: {}, approvers: 'traders', lifetimeMinutes: 15 });
    const price = await restingBuyPrice(desk.kraken);
    const result = await desk.service.place(desk.trader, { symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.001', price, idempotencyKey: randomUUID() });
    assert.ok('approval' in result.body, JSON.stringify(result.body));
    return Number(result.body.approval.id);
  }

  const DECISIONS = [
    { name: 'POST /api/approvals/{id}/approve', route: approve.POST, path: 'approve', body: {}, after: 'placed' },
    { name: 'POST /api/approvals/{id}/reject', route: reject.POST, path: 'reject', body: { reason: 'too large for today' }, after: 'rejected' },
  ] as const;

  for (const decision of DECISIONS) {
    test(`${decision.name}: stale → 403 reauth_required, the request stays pending and nothing is placed; after re-authenticating → ${decision.after}`, async () => {
      const id = await pendingRequest();
      const stale = await sessionAged(REAUTH_WINDOW_MS + 60_000);
      const send = (services: () => ApiServices) => {
        const req = new Request(`${ORIGIN}/api/approvals/${id}/${decision.path}`, {
          method: 'POST', headers: { cookie: stale.cookie, origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify(decision.body),
        });
        return handleRoute(decision.route, req, { id: String(id) }, {
          currentMember: () => memberFromCookieHeader(desk.db, req.headers.get('cookie'), PASSWORD),
          isAllowedOrigin: (o: string | null) => o === ORIGIN,
          service: services,
        });
      };
      const openBefore = (await desk.kraken.private.openOrders()).length;
      const untouchable = new Proxy({}, { get: () => { throw new Error('the service must not be reached'); } }) as ApiServices;
      const refused = await send(() => untouchable);
      assert.equal(refused.status, 403);
      assert.equal(((await refused.json()) as { error: { code: string } }).error.code, 'reauth_required');
      assert.equal((await desk.db.approvals.get(id))?.status, 'pending');
      assert.equal((await desk.kraken.private.openOrders()).length, openBefore, 'nothing placed');

      const deps = { db: desk.db, loginThrottle: new LoginThrottle(), secondFactor: { db: desk.db, box: createSecretBox(PASSWORD), throttle: new LoginThrottle() } };
      await reauthenticate(deps, await stale.member(), { password: 'admin-password-1' }, '127.0.0.1');
      const done = await send(() => ({ orders: desk.service, db: desk.db }));
      assert.equal(done.status, 200, await done.clone().text());
      assert.equal((await desk.db.approvals.get(id))?.status, decision.after);
      assert.equal((await desk.kraken.private.openOrders()).length, openBefore + (decision.after === 'placed' ? 1 : 0));
    });
  }
});

/** The `action({ … })` specs of a server-actions file, as written. */
function actionSpecs(file: string): string[] {
  return [...readFileSync(file, 'utf8').matchAll(/=>? action\(\{([^}]*)\}/g)].map((m) => m[1]!);
}

test('every admin server action, and each sensitive security action, is declared reauth: true to the one wrapper', () => {
  // createMember, setRole, setDisabled, resetPassword, limits, freeze, dead-man, thresholds, approval policy,
  // reset 2FA, end sessions, 2FA policy: every admin action changes members, limits or the desk (each is also run,
  // stale and fresh, in reauth-actions.integration.test.ts)
  const admin = actionSpecs('app/(desk)/admin/admin-actions.ts');
  assert.ok(admin.length >= 12, `found ${admin.length} admin actions`);
  for (const spec of admin) assert.match(spec, /reauth: true/, `admin action without re-authentication: {${spec}}`);
  const security = readFileSync('app/(desk)/account/security/actions.ts', 'utf8');
  for (const name of ['startEnrolment', 'renew', 'disable']) {
    assert.match(security, new RegExp(`const ${name} = action\\(\\{ \\.\\.\\.own, reauth: true`), `${name} needs re-authentication`);
  }
});
