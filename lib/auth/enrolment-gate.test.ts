import assert from 'node:assert/strict';
import { it } from 'node:test';
import { forEachStore } from '../db/contract/stores';
import type { DeskDb } from '../db/database';
import { action, handleRoute, handler, type ActionEnv } from '../http/handler';
import type { OrderService } from '../orders/service';
import { resolveMember, startSession } from '../session';
import { sessionAuthOf } from './session-auth';

/**
 * "Admins and traders must enrol": a member of a required role without a confirmed second factor is sent to
 * enrolment before anything else. Pages redirect (requireMember); here the other doors: the JSON API wrapper
 * and server actions answer 403 `second_factor_required`, while the member's own security actions still run.
 */
forEachStore('the 2FA requirement per role', (store) => {
  it('marks members of required roles without a factor, and the API and server actions refuse them until they enrol', async () => {
    const opened = await store.open();
    const { db } = opened;
    const trader = await db.members.create({ username: 'tina', passwordHash: 'h', role: 'trader' });
    const viewer = await db.members.create({ username: 'val', passwordHash: 'h', role: 'viewer' });
    const traderSession = await startSession(db, trader);
    const viewerSession = await startSession(db, viewer);
    const who = async (session: typeof traderSession) => (await resolveMember(db, session))!;

    assert.equal(sessionAuthOf(await who(traderSession))?.mustEnrol, false, 'nothing is required by default (demo members keep working)');
    await db.secondFactor.setRequiredRoles(['trader', 'admin']);
    assert.equal(sessionAuthOf(await who(traderSession))?.mustEnrol, true);
    assert.equal(sessionAuthOf(await who(viewerSession))?.mustEnrol, false, 'viewers are not required');

    const services = () => ({ orders: {} as OrderService, db: db as DeskDb });
    const route = handler({ role: 'viewer' }, () => Response.json({ ok: true }));
    const api = (member: Awaited<ReturnType<typeof who>>) => handleRoute(route, new Request('http://desk.test/api/balances'), {}, {
      currentMember: async () => member, isAllowedOrigin: () => true, service: services,
    });
    const refused = await api(await who(traderSession));
    assert.equal(refused.status, 403);
    const body = (await refused.json()) as { error: { code: string; message: string } };
    assert.equal(body.error.code, 'second_factor_required');
    assert.match(body.error.message, /requires two-factor sign-in.*\/account\/security/);
    assert.equal((await api(await who(viewerSession))).status, 200);

    const env: ActionEnv = {
      currentMember: () => who(traderSession), origin: async () => 'http://desk', isAllowedOrigin: (o) => o === 'http://desk', service: services,
    };
    const other = await action({ role: 'viewer' }, async () => 'done').run(undefined, env);
    assert.deepEqual(other.ok ? null : other.error.code, 'second_factor_required');
    const own = await action({ role: 'viewer', beforeEnrolment: true }, async () => 'enrolling').run(undefined, env);
    assert.deepEqual(own, { ok: true, data: 'enrolling' }, 'their own security actions are how they enrol');

    await db.secondFactor.begin(trader.id, 'sealed');
    assert.equal(sessionAuthOf(await who(traderSession))?.mustEnrol, true, 'an unconfirmed enrolment is not enough');
    await db.secondFactor.confirm(trader.id, 1, []);
    assert.equal(sessionAuthOf(await who(traderSession))?.mustEnrol, false);
    assert.equal((await api(await who(traderSession))).status, 200);
    await opened.close();
  });
});
