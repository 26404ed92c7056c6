/**
 * Re-authentication before sensitive actions, on every such door: each sensitive JSON API route (as app/api binds
 * it) refuses a session whose last password/code is older than 5 minutes with 403 `reauth_required` and a message
 * a person understands, without reaching the service or changing anything; after re-authenticating the same
 * request goes through. Server actions run inside Next, so their table is checked on their source: each sensitive
 * action calls requireRecentAuth itself or through the action it delegates to.
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
import { handleRoute, type RouteSpec } from '../../lib/orders/http';
import { API_ROUTES, type ApiServices } from '../../lib/orders/routes';
import { memberFromCookieHeader, SESSION_COOKIE_NAME, SESSION_TTL_SECONDS, startSession } from '../../lib/session';
import { startDeskFixture, type DeskFixture } from './fixture';

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

const SENSITIVE_ROUTES: { name: string; spec: RouteSpec<unknown, Record<string, string>, ApiServices>; method: string; path: () => string; params: () => Record<string, string>; body: unknown }[] = [
  { name: 'POST /api/desk/freeze', spec: API_ROUTES.freeze, method: 'POST', path: () => '/api/desk/freeze', params: () => ({}), body: { frozen: false } },
  { name: 'POST /api/desk/dead-man', spec: API_ROUTES.deadMan, method: 'POST', path: () => '/api/desk/dead-man', params: () => ({}), body: { enabled: false } },
  { name: 'PUT /api/desk/thresholds', spec: API_ROUTES.thresholds, method: 'PUT', path: () => '/api/desk/thresholds', params: () => ({}), body: { confirmNotionalUsd: '30000' } },
  {
    name: 'PUT /api/desk/limits/{memberId}', spec: API_ROUTES.setLimits, method: 'PUT', path: () => `/api/desk/limits/${desk.trader.id}`,
    params: () => ({ memberId: String(desk.trader.id) }), body: { maxOrderUsd: '1000', maxDayUsd: null, allowedPairs: null, allowedTypes: null },
  },
];

function call(route: (typeof SENSITIVE_ROUTES)[number], cookie: string, service: () => ApiServices) {
  const req = new Request(`${ORIGIN}${route.path()}`, {
    method: route.method, headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' }, body: JSON.stringify(route.body),
  });
  return handleRoute(route.spec, req, route.params(), {
    currentMember: () => memberFromCookieHeader(desk.db, req.headers.get('cookie'), PASSWORD),
    isAllowedOrigin: (o) => o === ORIGIN,
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
    assert.equal((await call(SENSITIVE_ROUTES[2]!, inside.cookie, () => services)).status, 200);
    const outside = await sessionAged(REAUTH_WINDOW_MS + 1_000);
    assert.equal((await call(SENSITIVE_ROUTES[2]!, outside.cookie, () => services)).status, 403);
  });
});

/** Every sensitive server action, and where its requireRecentAuth call lives (itself, or the action it delegates to). */
const SENSITIVE_ACTIONS: { file: string; action: string; via?: { file: string; action: string } }[] = [
  { file: 'app/(desk)/admin/actions.ts', action: 'createMemberAction' },
  { file: 'app/(desk)/admin/actions.ts', action: 'setRoleAction' },
  { file: 'app/(desk)/admin/actions.ts', action: 'setDisabledAction' },
  { file: 'app/(desk)/admin/actions.ts', action: 'resetPasswordAction' },
  { file: 'app/(desk)/admin/actions.ts', action: 'resetSecondFactorAction' },
  { file: 'app/(desk)/admin/actions.ts', action: 'endSessionsAction' },
  { file: 'app/(desk)/admin/actions.ts', action: 'secondFactorPolicyAction' },
  { file: 'app/(desk)/admin/actions.ts', action: 'setLimitsAction', via: { file: 'lib/server/orders.ts', action: 'setMemberLimitsAction' } },
  { file: 'app/(desk)/admin/actions.ts', action: 'freezeAction', via: { file: 'lib/server/orders.ts', action: 'freezeDeskAction' } },
  { file: 'app/(desk)/admin/actions.ts', action: 'deadManAction', via: { file: 'lib/server/orders.ts', action: 'deadManSwitchAction' } },
  { file: 'app/(desk)/admin/actions.ts', action: 'thresholdsFormAction', via: { file: 'lib/server/orders.ts', action: 'thresholdsAction' } },
  { file: 'app/(desk)/account/security/actions.ts', action: 'startEnrolmentAction' },
  { file: 'app/(desk)/account/security/actions.ts', action: 'renewRecoveryCodesAction' },
  { file: 'app/(desk)/account/security/actions.ts', action: 'disableSecondFactorAction' },
];

/** The text of exported function `name` in `file`, up to the next top-level export. */
function functionBody(file: string, name: string): string {
  const text = readFileSync(file, 'utf8');
  const start = text.search(new RegExp(`export (async )?function ${name}\\b`));
  assert.ok(start >= 0, `${file} exports ${name}`);
  const next = text.slice(start + 1).search(/\nexport /);
  return next < 0 ? text.slice(start) : text.slice(start, start + 1 + next);
}

test('every sensitive server action checks re-authentication (itself or through the action it calls)', () => {
  for (const { file, action, via } of SENSITIVE_ACTIONS) {
    const body = functionBody(file, action);
    if (via) {
      assert.match(body, new RegExp(`\\b${via.action}\\(`), `${action} delegates to ${via.action}`);
      assert.match(functionBody(via.file, via.action), /requireRecentAuth\(member\)/, `${via.action} checks re-authentication`);
    } else {
      assert.match(body, /requireRecentAuth\((admin|member)\)/, `${action} checks re-authentication`);
    }
  }
  // and no admin action escapes the table: every exported action in the admin actions file is listed
  const exported = [...readFileSync('app/(desk)/admin/actions.ts', 'utf8').matchAll(/export async function (\w+)/g)].map((m) => m[1]);
  assert.deepEqual(exported.filter((name) => !SENSITIVE_ACTIONS.some((a) => a.action === name)), [], 'an admin action not in the table');
});
