/**
 * Re-authentication on the other door: every admin server action, run through the one wrapper as Next runs it
 * (`action.run` with an explicit environment, app/(desk)/admin/admin-actions.ts). A session whose last password or
 * code is older than 5 minutes gets 403 `reauth_required` with a message a person understands, and nothing changes;
 * once the admin re-authenticated in that browser the same action goes through. Ending another member's sessions ends
 * their cookies and closes their feeds (/ws and SSE) through the hub's disconnectMember.
 */
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { sealData } from 'iron-session';
import * as admin from '../../app/(desk)/admin/admin-actions';
import { hashPassword } from '../../lib/auth/password';
import { REAUTH_WINDOW_MS } from '../../lib/auth/reauth';
import { reauthenticate } from '../../lib/auth/reauthenticate';
import { createSecretBox } from '../../lib/auth/secret-box';
import { LoginThrottle } from '../../lib/auth/throttle';
import type { Member } from '../../lib/db';
import { installDeskServicesBuilder, resetDeskServices, type DeskServiceRegistry } from '../../lib/desk-services';
import type { Action, ActionEnv, ApiServices } from '../../lib/http/handler';
import { memberFromCookieHeader, resolveMember, SESSION_COOKIE_NAME, SESSION_TTL_SECONDS, startSession } from '../../lib/session';
import { startDeskFixture, type DeskFixture } from './fixture';

const PASSWORD = 'a-test-session-password-of-at-least-32-chars';
const ORIGIN = 'http://desk.test';
let desk: DeskFixture;
let dbOffsetMs = 0;
let root: Member;
/** what the actions asked of the hub: members whose feeds were closed, members whose sockets were rechecked */
const hub = { disconnected: [] as number[], changed: [] as number[] };

before(async () => {
  desk = await startDeskFixture({ dbNow: () => new Date(Date.now() + dbOffsetMs) });
  root = await desk.db.members.create({ username: 'root-admin', passwordHash: await hashPassword('admin-password-1'), role: 'admin' });
  // the process registry as far as these actions reach it: the hub's two calls
  installDeskServicesBuilder(() => ({
    services: {
      hub: {
        feedState: 'live',
        disconnectMember: (id: number) => (hub.disconnected.push(id), 1),
        memberChanged: (id: number) => void hub.changed.push(id),
      },
    } as unknown as DeskServiceRegistry,
    start: async () => undefined,
    close: async () => undefined,
  }));
});
after(async () => {
  await resetDeskServices();
  await desk.close();
});

/** A browser of the root admin whose sign-in (and so last re-authentication) was `ageMs` ago. */
async function browserAged(ageMs: number) {
  dbOffsetMs = -ageMs;
  const data = await startSession(desk.db, root);
  dbOffsetMs = 0;
  const cookie = `${SESSION_COOKIE_NAME}=${encodeURIComponent(await sealData(data, { password: PASSWORD, ttl: SESSION_TTL_SECONDS }))}`;
  const member = async () => (await memberFromCookieHeader(desk.db, cookie, PASSWORD))!;
  const env = (service: () => ApiServices): ActionEnv => ({ currentMember: member, origin: async () => ORIGIN, isAllowedOrigin: (o) => o === ORIGIN, service });
  return { member, env };
}

/** Everything an admin action may change. */
async function snapshot() {
  const { db } = desk;
  const members = await db.members.list();
  return {
    members,
    settings: await db.deskSettings.get(),
    limits: await Promise.all(members.map((m) => db.limits.get(m.id))),
    requiredRoles: await db.secondFactor.requiredRoles(),
    factors: await Promise.all(members.map(async (m) => Boolean((await db.secondFactor.get(m.id))?.confirmedAt))),
    sessions: await Promise.all(members.map(async (m) => (await db.sessions.live(m.id)).length)),
    audit: (await db.audit.all()).length,
    hub: { disconnected: hub.disconnected.length, changed: hub.changed.length },
  };
}

interface Case {
  name: string;
  action: () => Action<unknown>;
  input: () => unknown;
  /** state the action would change, set up first */
  arrange?: () => Promise<void>;
  /** what the action did once allowed */
  check: () => Promise<void>;
}

const CASES: Case[] = [
  {
    name: 'add a member', action: () => admin.createMember, input: () => ({ username: 'newbie', password: 'a-long-new-password-1', role: 'viewer' }),
    check: async () => assert.equal((await desk.db.members.findByUsername('newbie'))?.role, 'viewer'),
  },
  {
    name: 'change a role', action: () => admin.setRole, input: () => ({ id: desk.trader2.id, role: 'viewer' }),
    check: async () => {
      assert.equal((await desk.db.members.findById(desk.trader2.id))?.role, 'viewer');
      assert.ok(hub.changed.includes(desk.trader2.id), 'open feeds are re-authorised at once');
    },
  },
  {
    name: 'reset a password', action: () => admin.resetPassword, input: () => ({ id: desk.trader2.id, password: 'another-long-password-2' }),
    check: async () => assert.ok(hub.disconnected.includes(desk.trader2.id)),
  },
  {
    name: 'disable a member', action: () => admin.setDisabled, input: () => ({ id: desk.viewer.id, disabled: true }),
    check: async () => {
      assert.equal((await desk.db.members.findById(desk.viewer.id))?.disabled, true);
      assert.ok(hub.disconnected.includes(desk.viewer.id));
    },
  },
  {
    name: 'set a member\'s limits', action: () => admin.setLimitsOf(desk.trader.id), input: () => ({ maxOrderUsd: '1000', maxDayUsd: null, allowedPairs: null, allowedTypes: null }),
    check: async () => assert.equal((await desk.db.limits.get(desk.trader.id)).maxOrderUsd, '1000'),
  },
  {
    name: 'set the approval policy', action: () => admin.approvalPolicy, input: () => ({ aboveUsd: '60000', memberAboveUsd: {}, approvers: 'admins', lifetimeMinutes: 10 }),
    check: async () => assert.equal((await desk.service.approvals.policy()).approvers, 'admins'),
  },
  {
    name: 'set the confirmation thresholds', action: () => admin.thresholds, input: () => ({ confirmNotionalUsd: '30000' }),
    check: async () => assert.equal((await desk.db.deskSettings.get()).confirmNotionalUsd, '30000'),
  },
  {
    name: 'freeze the desk', action: () => admin.freeze, input: () => ({ frozen: true }),
    check: async () => assert.equal((await desk.db.deskSettings.get()).frozen, true),
  },
  {
    name: 'unfreeze the desk', action: () => admin.freeze, input: () => ({ frozen: false }),
    check: async () => assert.equal((await desk.db.deskSettings.get()).frozen, false),
  },
  {
    name: 'turn the dead-man\'s switch off', action: () => admin.deadMan, input: () => ({ enabled: false }),
    check: async () => assert.ok((await desk.db.audit.all()).some((r) => r.action === 'desk.dead_man.disable')),
  },
  {
    // traders (an admin required to enrol would be sent to enrolment before anything else, these actions included)
    name: 'require 2FA per role', action: () => admin.secondFactorPolicy, input: () => ({ roles: ['trader'] }),
    check: async () => assert.deepEqual(await desk.db.secondFactor.requiredRoles(), ['trader']),
  },
  {
    name: 'reset a member\'s 2FA', action: () => admin.resetSecondFactor, input: () => ({ id: desk.trader.id }),
    arrange: async () => {
      await desk.db.secondFactor.begin(desk.trader.id, 'sealed');
      await desk.db.secondFactor.confirm(desk.trader.id, 1, []);
      await startSession(desk.db, desk.trader);
    },
    check: async () => {
      assert.equal(await desk.db.secondFactor.get(desk.trader.id), null);
      assert.equal((await desk.db.sessions.live(desk.trader.id)).length, 0, 'their sessions end with it');
      const row = (await desk.db.audit.all()).find((r) => r.action === 'member.2fa_reset');
      assert.deepEqual([row?.actor, row?.subject], ['root-admin', 'tom'], 'audited');
    },
  },
  {
    name: 'end another member\'s sessions', action: () => admin.endSessions, input: () => ({ id: desk.trader.id }),
    arrange: async () => void (await startSession(desk.db, desk.trader)),
    check: async () => {
      assert.equal((await desk.db.sessions.live(desk.trader.id)).length, 0, 'every session row ended');
      assert.ok(hub.disconnected.includes(desk.trader.id), 'their /ws and SSE feeds are closed');
    },
  },
];

describe('every admin server action needs a re-authentication from the last 5 minutes', () => {
  for (const c of CASES) {
    test(`${c.name}: stale → reauth_required, nothing changes; after re-authenticating → done`, async () => {
      await c.arrange?.();
      const stale = await browserAged(REAUTH_WINDOW_MS + 60_000);
      const before = await snapshot();
      const untouchable = new Proxy({}, { get: () => { throw new Error('the services must not be reached'); } }) as ApiServices;
      const refused = await c.action().run(c.input(), stale.env(() => untouchable));
      assert.equal(refused.ok, false);
      assert.equal(!refused.ok && refused.error.code, 'reauth_required');
      assert.match(!refused.ok ? refused.error.message : '', /confirm it is you: enter your password \(or your authenticator code\) again/i);
      assert.deepEqual(await snapshot(), before, 'a refused action changes nothing');

      const deps = { db: desk.db, loginThrottle: new LoginThrottle(), secondFactor: { db: desk.db, box: createSecretBox(PASSWORD), throttle: new LoginThrottle() } };
      await reauthenticate(deps, await stale.member(), { password: 'admin-password-1' }, '127.0.0.1');
      const done = await c.action().run(c.input(), stale.env(() => ({ orders: desk.service, db: desk.db })));
      assert.deepEqual(done.ok ? 'ok' : done.error, 'ok');
      await c.check();
    });
  }

  test('the table covers every action the admin module exports', () => {
    const exported = Object.keys(admin).sort();
    assert.deepEqual(exported, ['approvalPolicy', 'createMember', 'deadMan', 'endSessions', 'freeze', 'resetPassword', 'resetSecondFactor', 'secondFactorPolicy', 'setDisabled', 'setLimitsOf', 'setRole', 'thresholds']);
  });

  test('an ended session gets nobody: the member is signed out in every browser', async () => {
    const session = await startSession(desk.db, desk.trader);
    const fresh = await browserAged(0);
    assert.deepEqual(await admin.endSessions.run({ id: desk.trader.id }, fresh.env(() => ({ orders: desk.service, db: desk.db }))), { ok: true, data: undefined });
    assert.equal(await resolveMember(desk.db, session), null);
  });
});
