/**
 * The four-eyes routes as app/api exports them (through the one wrapper's handleRoute), with real sealed session
 * cookies against the built-in exchange: POST /api/orders answers 202 `{ approval }`, GET /api/approvals lists it,
 * approve/reject refuse the requester, viewers, foreign Origins and bodies without a reason.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, test } from 'node:test';
import { sealData } from 'iron-session';
import type { Member } from '../../lib/db';
import * as approvalsList from '../../app/api/approvals/route';
import * as approvalOne from '../../app/api/approvals/[id]/route';
import * as approve from '../../app/api/approvals/[id]/approve/route';
import * as reject from '../../app/api/approvals/[id]/reject/route';
import * as policyRoute from '../../app/api/approvals/policy/route';
import * as orders from '../../app/api/orders/route';
import * as orderOne from '../../app/api/orders/[id]/route';
import { handleRoute, type Route } from '../../lib/http/handler';
import { createOriginPolicy } from '../../lib/origin';
import { memberFromCookieHeader, SESSION_COOKIE_NAME, SESSION_TTL_SECONDS, startSession } from '../../lib/session';
import { restingBuyPrice, startDeskFixture, type DeskFixture } from './fixture';

const PASSWORD = 'a-test-session-password-of-at-least-32-chars';
const ORIGIN = 'http://desk.test:3000';
const isAllowedOrigin = createOriginPolicy({ PUBLIC_ORIGIN: ORIGIN, HOST: '127.0.0.1', PORT: 3000, ALLOWED_ORIGINS: undefined });
let desk: DeskFixture;
let price: string;

before(async () => {
  desk = await startDeskFixture({ service: { approvalAboveUsd: '1000' } });
  price = await restingBuyPrice(desk.kraken);
});
after(() => desk.close());

/** The fields these tests read from the answers (each answer has some of them). */
interface Answer {
  error?: { code: string };
  order?: unknown;
  approval: { id: number; status: string; kind: string };
  txid?: string;
  approvals: { id: number; canDecide: boolean }[];
  previewNow?: { notionalUsd?: string };
  result: { order: { member: { username: string }; approvedBy: { username: string } } };
  policy: unknown;
}

const APPROVAL_ROUTES = { list: approvalsList.GET, get: approvalOne.GET, approve: approve.POST, reject: reject.POST, setPolicy: policyRoute.PUT };
const API_ROUTES = { placeOrder: orders.POST, amendOrder: orderOne.PATCH };

async function call(spec: Route, member: Member | null, method: string, path: string, params: Record<string, string>, body?: unknown, origin: string = ORIGIN) {
  const headers: Record<string, string> = { origin };
  if (member) headers.cookie = `${SESSION_COOKIE_NAME}=${encodeURIComponent(await sealData(await startSession(desk.db, member), { password: PASSWORD, ttl: SESSION_TTL_SECONDS }))}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const req = new Request(`${ORIGIN}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const response = await handleRoute(spec, req, params, {
    isAllowedOrigin, service: () => ({ orders: desk.service, db: desk.db }),
    currentMember: () => memberFromCookieHeader(desk.db, req.headers.get('cookie'), PASSWORD),
  });
  return { status: response.status, body: (await response.json()) as Answer };
}

test('POST /api/orders above the threshold answers 202 with the pending request; the approvals routes decide it', async () => {
  const ticket = { symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.05', price, idempotencyKey: randomUUID() };
  const placed = await call(API_ROUTES.placeOrder, desk.trader, 'POST', '/api/orders', {}, ticket);
  assert.equal(placed.status, 202);
  assert.equal(placed.body.approval.status, 'pending');
  assert.equal(typeof placed.body.approval.id, 'number');
  assert.equal(placed.body.order, undefined, 'nothing placed');
  const id = String(placed.body.approval.id);
  const path = `/api/approvals/${id}`;

  const pending = await call(APPROVAL_ROUTES.list, desk.trader2, 'GET', '/api/approvals?status=pending', {});
  assert.deepEqual(pending.body.approvals.map((a: { id: number; canDecide: boolean }) => [a.id, a.canDecide]), [[Number(id), true]]);
  assert.equal((await call(APPROVAL_ROUTES.list, desk.viewer, 'GET', '/api/approvals', {})).status, 403);
  assert.equal((await call(APPROVAL_ROUTES.list, desk.trader, 'GET', '/api/approvals?status=nonsense', {})).body.error?.code, 'invalid_status');
  const one = await call(APPROVAL_ROUTES.get, desk.trader2, 'GET', `${path}?preview=1`, { id });
  assert.ok(one.body.previewNow?.notionalUsd, 'the preview now, beside the one at request time');

  const refusals = [
    [await call(APPROVAL_ROUTES.approve, desk.trader, 'POST', `${path}/approve`, { id }, {}), 403, 'self_approval'],
    [await call(APPROVAL_ROUTES.approve, desk.viewer, 'POST', `${path}/approve`, { id }, {}), 403, 'forbidden'],
    [await call(APPROVAL_ROUTES.approve, desk.trader2, 'POST', `${path}/approve`, { id }, {}, 'https://evil.example'), 403, 'cross_origin'],
    [await call(APPROVAL_ROUTES.approve, null, 'POST', `${path}/approve`, { id }, {}), 401, 'unauthenticated'],
    [await call(APPROVAL_ROUTES.reject, desk.trader2, 'POST', `${path}/reject`, { id }, {}), 400, 'invalid_request'],
    [await call(APPROVAL_ROUTES.approve, desk.trader2, 'POST', '/api/approvals/x/approve', { id: 'x' }, {}), 400, 'invalid_approval_id'],
    [await call(APPROVAL_ROUTES.setPolicy, desk.trader2, 'PUT', '/api/approvals/policy', {}, { aboveUsd: null, memberAboveUsd: {}, approvers: 'traders', lifetimeMinutes: 15 }), 403, 'forbidden'],
  ] as const;
  for (const [answer, status, code] of refusals) assert.deepEqual([answer.status, answer.body.error?.code], [status, code]);

  const approved = await call(APPROVAL_ROUTES.approve, desk.trader2, 'POST', `${path}/approve`, { id }, {});
  assert.equal(approved.status, 200);
  assert.deepEqual([approved.body.approval.status, approved.body.result.order.member.username, approved.body.result.order.approvedBy.username], ['placed', 'tom', 'tess']);

  const policy = await call(APPROVAL_ROUTES.setPolicy, desk.admin, 'PUT', '/api/approvals/policy', {}, { aboveUsd: '5000000', memberAboveUsd: {}, approvers: 'admins', lifetimeMinutes: 5 });
  assert.deepEqual(policy.body.policy, { aboveUsd: '5000000', memberAboveUsd: {}, approvers: 'admins', lifetimeMinutes: 5 });
  const under = await call(API_ROUTES.placeOrder, desk.trader, 'POST', '/api/orders', {}, { ...ticket, idempotencyKey: randomUUID() });
  assert.equal(under.status, 201, 'under the admin\'s new threshold: placed at once');
});

test('PATCH /api/orders/{id} raising an order above the threshold answers 202 with a pending amend request; lowering it amends at once', async () => {
  await desk.service.approvals.setPolicy(desk.admin, { aboveUsd: '1000', memberAboveUsd: {}, approvers: 'traders', lifetimeMinutes: 15 });
  const small = await call(API_ROUTES.placeOrder, desk.trader, 'POST', '/api/orders', {}, { symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.001', price, idempotencyKey: randomUUID() });
  assert.equal(small.status, 201);
  const txid = (small.body.order as { txid: string }).txid;
  const raised = await call(API_ROUTES.amendOrder, desk.trader, 'PATCH', `/api/orders/${txid}`, { id: txid }, { volume: '0.05' });
  assert.deepEqual([raised.status, raised.body.approval.status, raised.body.approval.kind, raised.body.txid], [202, 'pending', 'amend', txid]);
  const [order] = await desk.kraken.private.queryOrders([txid]);
  assert.equal(Number(order!.volume), 0.001, 'nothing amended while it waits');
  const lowered = await call(API_ROUTES.amendOrder, desk.trader, 'PATCH', `/api/orders/${txid}`, { id: txid }, { volume: '0.0005' });
  assert.equal(lowered.status, 200);
});
