/**
 * Member limits name allowed pairs; a pair the exchange does not list (FOO/USD) is refused with a clear 400
 * instead of being stored, checked against the built-in exchange's real AssetPairs over HTTP.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { PUT as setMemberLimits } from '../../app/api/desk/limits/[memberId]/route';
import { handleRoute, type ApiServices } from '../../lib/http/handler';
import { resolveMember, startSession } from '../../lib/session';
import { startDeskFixture, type DeskFixture } from './fixture';

let desk: DeskFixture;
before(async () => {
  desk = await startDeskFixture();
});
after(() => desk.close());

// the admin signed in a moment ago: a fresh session, so the re-authentication window is open
async function setLimits(allowedPairs: string[] | null) {
  const session = await startSession(desk.db, desk.admin);
  const services: ApiServices = { orders: desk.service, db: desk.db };
  const req = new Request(`http://desk.test/api/desk/limits/${desk.trader.id}`, {
    method: 'PUT', headers: { origin: 'http://desk.test', 'content-type': 'application/json' },
    body: JSON.stringify({ maxOrderUsd: null, maxDayUsd: null, allowedPairs, allowedTypes: null }),
  });
  return handleRoute(setMemberLimits, req, { memberId: String(desk.trader.id) }, {
    currentMember: () => resolveMember(desk.db, session), isAllowedOrigin: (o) => o === 'http://desk.test', service: () => services,
  });
}

test('allowed pairs must be listed on the exchange: FOO/USD is refused and nothing is stored', async () => {
  const refused = await setLimits(['BTC/USD', 'FOO/USD']);
  assert.equal(refused.status, 400);
  assert.deepEqual(await refused.json(), { error: { code: 'unknown_pair', message: 'Allowed pairs: FOO/USD is not listed on the exchange.' } });
  assert.equal((await desk.service.memberLimits(desk.trader.id)).allowedPairs, null);

  const saved = await setLimits(['BTC/USD', 'ETH/USD']);
  assert.equal(saved.status, 200);
  assert.deepEqual((await desk.service.memberLimits(desk.trader.id)).allowedPairs, ['BTC/USD', 'ETH/USD']);
  assert.equal((await setLimits(null)).status, 200, 'no list means every pair');
});
