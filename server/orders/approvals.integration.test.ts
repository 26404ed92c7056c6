/**
 * Four eyes against the built-in exchange over HTTP, on both stores: the approval state machine
 * (request → approve → placed once; reject; expire; self-approval and viewers refused; admins-only; concurrent
 * approvals through two desk instances place one order; approval re-runs the checks; amends above the threshold).
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { it } from 'node:test';
import type { Member } from '../../lib/db';
import { forEachStore, type StoreUnderTest } from '../../lib/db/contract/stores';
import { startApprovalExpiry } from '../../lib/approvals/expiry';
import { createKrakenClient } from '../../lib/kraken/rest';
import { createOrderService } from '../../lib/orders/service';
import type { Ticket } from '../../lib/orders/ticket';
import { startExchange } from '../simulator/exchange';
import { keepAliveFetch, restingBuyPrice, TEST_KEY } from './fixture';

const POLICY = { aboveUsd: '1000', memberAboveUsd: {}, approvers: 'traders' as const, lifetimeMinutes: 15 };

async function startDesk(store: StoreUnderTest) {
  const opened = await store.open();
  const exchange = await startExchange({ seed: 5, apiKeys: [TEST_KEY], tier: 'pro' });
  exchange.market.stop();
  const transport = keepAliveFetch();
  const kraken = createKrakenClient({ restUrl: exchange.restUrl, apiKey: TEST_KEY.key, apiSecret: TEST_KEY.secret, tier: 'pro', timeoutMs: 5000, orderLookupDelayMs: 20, fetch: transport });
  let clock = Date.now();
  const now = () => new Date(clock);
  const make = (db: typeof opened.db) => createOrderService({ db, kraken, now, tradingRate: { tier: 'pro', memberShare: 1 }, approvalAboveUsd: '1000' });
  const service = make(opened.db);
  const create = (username: string, role: Member['role']) => opened.db.members.create({ username, passwordHash: 'x', role });
  const [admin, tom, tess, vic] = [await create('ada', 'admin'), await create('tom', 'trader'), await create('tess', 'trader'), await create('vic', 'viewer')];
  const price = await restingBuyPrice(kraken);
  // ~0.05 BTC at 80% of the bid: a few thousand USD, above the 1000 USD threshold; 0.001 BTC stays below it.
  const ticket = (volume = '0.05'): Ticket => ({ symbol: 'BTC/USD', side: 'buy', type: 'limit', volume, price, idempotencyKey: randomUUID() });
  const onExchange = async (key: string) => (await kraken.private.openOrders({ clOrdId: key })).length;
  const actions = async () => (await opened.db.audit.all()).map((r) => `${r.action}:${r.actor}:${r.outcome ?? r.phase}`);
  return {
    opened, kraken, service, admin, tom, tess, vic, ticket, onExchange, actions, now,
    secondInstance: () => make(opened.reopen()),
    advance: (ms: number) => { clock += ms; },
    async close() {
      transport.close();
      await exchange.close();
      await opened.close();
    },
  };
}

type Desk = Awaited<ReturnType<typeof startDesk>>;

async function requested(desk: Desk, member: Member, ticket: Ticket) {
  const result = await desk.service.place(member, ticket);
  assert.equal(result.status, 202, JSON.stringify(result.body));
  assert.ok('approval' in result.body);
  return result.body.approval;
}

forEachStore('four eyes against the built-in exchange', (store) => {
  it('request → 202, nothing placed; the second member approves → placed once, attributed to the requester with the approver', async () => {
    const desk = await startDesk(store);
    try {
      const ticket = desk.ticket();
      const approval = await requested(desk, desk.tom, ticket);
      assert.deepEqual([approval.status, approval.requester.username, approval.thresholdUsd], ['pending', 'tom', '1000']);
      assert.equal(await desk.onExchange(ticket.idempotencyKey), 0, 'nothing placed while pending');
      assert.equal(await desk.opened.db.deskOrders.count(), 0);
      const repeat = await desk.service.place(desk.tom, ticket);
      assert.deepEqual([repeat.status, repeat.replayed, 'approval' in repeat.body && repeat.body.approval.id], [202, true, approval.id], 'a repeat gets the same request');

      await assert.rejects(desk.service.approvals.approve(desk.tom, approval.id, {}), { code: 'self_approval', status: 403 });
      await assert.rejects(desk.service.approvals.approve(desk.vic, approval.id, {}), { code: 'not_an_approver', status: 403 });
      await assert.rejects(desk.service.approvals.reject(desk.tom, approval.id, 'mine'), { code: 'self_approval' });
      await assert.rejects(desk.service.approvals.reject(desk.vic, approval.id, 'no'), { code: 'not_an_approver', status: 403 });
      const listed = await desk.service.approvals.list(desk.tess, 'pending');
      assert.deepEqual(listed.approvals.map((a) => [a.id, a.canDecide]), [[approval.id, true]]);
      assert.equal((await desk.service.approvals.list(desk.tom, 'pending')).approvals[0]?.canDecide, false, 'the requester may not decide it');

      const approved = await desk.service.approvals.approve(desk.tess, approval.id, {});
      assert.deepEqual([approved.approval.status, approved.approval.approver?.username], ['placed', 'tess']);
      const order = (approved.result as { order: { member: { username: string }; approvedBy: { username: string }; clOrdId: string } }).order;
      assert.deepEqual([order.member.username, order.approvedBy.username], ['tom', 'tess']);
      assert.equal(await desk.onExchange(ticket.idempotencyKey), 1, 'placed with the original idempotency key');
      await assert.rejects(desk.service.approvals.approve(desk.admin, approval.id, {}), { code: 'approval_placed', status: 409 });
      const replay = await desk.service.place(desk.tom, ticket);
      assert.deepEqual([replay.status, replay.replayed], [201, true], 'the key now answers with the placed order');
      assert.equal(await desk.onExchange(ticket.idempotencyKey), 1);

      const open = await desk.service.orders('open', 0);
      const listedOrder = open.orders.find((o) => o.clOrdId === ticket.idempotencyKey);
      assert.deepEqual([listedOrder?.member?.username, listedOrder?.approvedBy?.username], ['tom', 'tess'], 'open orders show requester and approver');
      const record = await desk.opened.db.deskOrders.findByKey(ticket.idempotencyKey);
      assert.deepEqual([record?.username, record?.approvedBy?.username], ['tom', 'tess']);
      const intent = (await desk.opened.db.audit.all()).find((r) => r.action === 'order.place' && r.phase === 'intent');
      assert.deepEqual([intent?.actor, (JSON.parse(intent?.detail ?? '{}') as { approvedBy?: string }).approvedBy], ['tom', 'tess']);
      const rows = await desk.actions();
      for (const row of ['approval.request:tom:ok', 'approval.approve:tom:refused', 'approval.approve:vic:refused', 'approval.approve:tess:ok', 'approval.approve:ada:refused']) {
        assert.ok(rows.includes(row), `audit has ${row}: ${rows.join(', ')}`);
      }
    } finally {
      await desk.close();
    }
  });

  it('reject with a reason: never placed, the key is spent; expiry: audited once, never placed', async () => {
    const desk = await startDesk(store);
    try {
      const rejectedTicket = desk.ticket();
      const one = await requested(desk, desk.tom, rejectedTicket);
      await assert.rejects(desk.service.approvals.reject(desk.tess, one.id, '  '), { code: 'reason_required', status: 400 });
      const rejected = await desk.service.approvals.reject(desk.tess, one.id, 'too large for today');
      assert.deepEqual([rejected.approval.status, rejected.approval.reason, rejected.approval.approver?.username], ['rejected', 'too large for today', 'tess']);
      await assert.rejects(desk.service.approvals.approve(desk.admin, one.id, {}), { code: 'approval_rejected' });
      await assert.rejects(desk.service.place(desk.tom, rejectedTicket), { code: 'approval_rejected' });
      assert.equal(await desk.onExchange(rejectedTicket.idempotencyKey), 0);

      const late = desk.ticket();
      const two = await requested(desk, desk.tom, late);
      desk.advance(15 * 60_000 + 1);
      await assert.rejects(desk.service.approvals.approve(desk.tess, two.id, {}), { code: 'approval_expired', status: 409 });
      assert.equal((await desk.service.approvals.list(desk.tess, 'expired')).approvals.length, 1);
      assert.equal(await desk.onExchange(late.idempotencyKey), 0);
      await assert.rejects(desk.service.place(desk.tom, late), { code: 'approval_expired' }, 'resending the expired ticket places nothing');
      assert.equal(await desk.onExchange(late.idempotencyKey), 0);
      const expiries = (await desk.opened.db.audit.all()).filter((r) => r.action === 'approval.expire');
      assert.deepEqual(expiries.map((r) => [r.actor, (JSON.parse(r.detail) as { approvalId: number }).approvalId]), [['system', two.id]], 'one expiry row');
      assert.ok((await desk.actions()).includes('approval.reject:tess:ok'));
    } finally {
      await desk.close();
    }
  });

  it('expiry is recorded on time even when nobody looks at the request again: the background sweep, once over two instances', async () => {
    const desk = await startDesk(store);
    const loops = [startApprovalExpiry({ db: desk.opened.db, now: desk.now, everyMs: 20 }), startApprovalExpiry({ db: desk.opened.reopen(), now: desk.now, everyMs: 20 })];
    try {
      const ticket = desk.ticket();
      const approval = await requested(desk, desk.tom, ticket);
      desk.advance(14 * 60_000);
      assert.deepEqual(await Promise.all(loops.map((l) => l.sweep())), [0, 0], 'not due yet');
      desk.advance(60_000);
      const expiryRows = async () => (await desk.opened.db.audit.all()).filter((r) => r.action === 'approval.expire');
      // nobody lists, opens or decides it: the loops' timers alone expire it
      for (let waited = 0; (await expiryRows()).length === 0; waited += 20) {
        assert.ok(waited < 5000, 'the background sweep expired the request within 5 s');
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      await Promise.all(loops.map((l) => l.sweep()));
      const rows = await expiryRows();
      assert.deepEqual(rows.map((r) => [r.actor, r.subject, (JSON.parse(r.detail) as { approvalId: number }).approvalId]), [['system', 'BTC/USD', approval.id]], 'one row over two instances');
      assert.equal((await desk.opened.db.approvals.get(approval.id))?.status, 'expired');
      await assert.rejects(desk.service.approvals.approve(desk.tess, approval.id, {}), { code: 'approval_expired' });
      assert.equal(await desk.onExchange(ticket.idempotencyKey), 0, 'an expired request never places');
    } finally {
      for (const loop of loops) loop.stop();
      await desk.close();
    }
  });

  it('an approved request whose desk stopped mid-way is settled from its order after 10 minutes: placed when the order was, failed when nothing was sent; audited once', async () => {
    const desk = await startDesk(store);
    const loops = [startApprovalExpiry({ db: desk.opened.db, now: desk.now, everyMs: 3_600_000 }), startApprovalExpiry({ db: desk.opened.reopen(), now: desk.now, everyMs: 3_600_000 })];
    const statusOf = async (id: number) => (await desk.opened.db.approvals.get(id))!;
    try {
      // died after placing: the order is on the exchange and recorded, the request still says approved
      const placedTicket = desk.ticket();
      const placed = await requested(desk, desk.tom, placedTicket);
      await desk.service.approvals.approve(desk.tess, placed.id, {});
      const decidedAt = (await statusOf(placed.id)).decidedAt;
      assert.ok(await desk.opened.db.approvals.transition(placed.id, { from: 'placed', to: 'approved', approverId: desk.tess.id, reason: null, result: null, decidedAt }));
      // died right after claiming the approval: nothing claimed, nothing sent
      const lostTicket = desk.ticket();
      const lost = await requested(desk, desk.tom, lostTicket);
      assert.ok(await desk.opened.db.approvals.transition(lost.id, { from: 'pending', to: 'approved', approverId: desk.tess.id, decidedAt: desk.now().toISOString() }));
      desk.advance(9 * 60_000);
      await Promise.all(loops.map((l) => l.sweep()));
      assert.deepEqual([(await statusOf(placed.id)).status, (await statusOf(lost.id)).status], ['approved', 'approved'], 'a placement may still be running: left alone');
      desk.advance(2 * 60_000);
      await Promise.all(loops.map((l) => l.sweep()));
      await Promise.all(loops.map((l) => l.sweep()));
      const settledPlaced = await statusOf(placed.id);
      assert.equal(settledPlaced.status, 'placed');
      assert.equal(settledPlaced.approver, 'tess');
      assert.ok(JSON.stringify(settledPlaced.result).includes('"txid"'), 'the placed order is the result');
      const settledLost = await statusOf(lost.id);
      assert.equal(settledLost.status, 'failed');
      assert.match(settledLost.reason ?? '', /nothing was sent to Kraken/);
      assert.equal(await desk.onExchange(placedTicket.idempotencyKey), 1);
      assert.equal(await desk.onExchange(lostTicket.idempotencyKey), 0);
      const rows = (await desk.opened.db.audit.all()).filter((r) => r.action === 'approval.settle');
      assert.deepEqual(rows.map((r) => [r.actor, (JSON.parse(r.detail) as { approvalId: number; result: string }).result]).sort(), [['system', 'failed'], ['system', 'placed']], 'one row each over two instances');
    } finally {
      for (const loop of loops) loop.stop();
      await desk.close();
    }
  });

  it('a requester who may no longer trade (demoted to viewer, or disabled) gets nothing placed by an approval; the refusal is audited', async () => {
    const desk = await startDesk(store);
    try {
      const ticket = desk.ticket();
      const approval = await requested(desk, desk.tom, ticket);
      await desk.opened.db.members.setRole(desk.tom.id, 'viewer');
      await assert.rejects(desk.service.approvals.approve(desk.tess, approval.id, {}), { code: 'requester_cannot_trade', status: 409 });
      assert.equal(await desk.onExchange(ticket.idempotencyKey), 0);
      assert.equal((await desk.opened.db.approvals.get(approval.id))?.status, 'pending', 'it waits: rejecting it is the way out');
      await desk.opened.db.members.setRole(desk.tom.id, 'trader');
      await desk.opened.db.members.setDisabled(desk.tom.id, true);
      await assert.rejects(desk.service.approvals.approve(desk.tess, approval.id, {}), { code: 'requester_disabled' });
      assert.equal(await desk.onExchange(ticket.idempotencyKey), 0);
      const refusals = (await desk.opened.db.audit.all()).filter((r) => r.action === 'approval.approve' && r.outcome === 'refused')
        .map((r) => (JSON.parse(r.detail) as { reason: string }).reason);
      assert.deepEqual(refusals, ['requester_cannot_trade', 'requester_disabled']);
      assert.equal((await desk.service.approvals.reject(desk.tess, approval.id, 'tom no longer trades')).approval.status, 'rejected');
    } finally {
      await desk.close();
    }
  });

  it('admins-only policy: a trader is refused, an admin approves; a member\'s own threshold applies; small orders need none', async () => {
    const desk = await startDesk(store);
    try {
      await desk.service.approvals.setPolicy(desk.admin, { ...POLICY, approvers: 'admins', memberAboveUsd: { [desk.tess.id]: null } });
      const small = await desk.service.place(desk.tom, desk.ticket('0.001'));
      assert.equal(small.status, 201, 'below the threshold: placed at once');
      const exempt = await desk.service.place(desk.tess, desk.ticket());
      assert.equal(exempt.status, 201, 'tess\'s own policy: never needs approval');
      const approval = await requested(desk, desk.tom, desk.ticket());
      await assert.rejects(desk.service.approvals.approve(desk.tess, approval.id, {}), { code: 'not_an_approver' });
      assert.equal((await desk.service.approvals.approve(desk.admin, approval.id, {})).approval.status, 'placed');
      assert.ok((await desk.actions()).includes('desk.approval_policy:ada:ok'));
    } finally {
      await desk.close();
    }
  });

  it('concurrent approvals through two desk instances place exactly one order', async () => {
    const desk = await startDesk(store);
    try {
      const other = desk.secondInstance();
      const ticket = desk.ticket();
      const approval = await requested(desk, desk.tom, ticket);
      const results = await Promise.allSettled(Array.from({ length: 10 }, (_, i) =>
        (i % 2 ? other : desk.service).approvals.approve(i % 3 ? desk.tess : desk.admin, approval.id, {})));
      const won = results.filter((r) => r.status === 'fulfilled');
      assert.equal(won.length, 1, JSON.stringify(results.map((r) => (r.status === 'rejected' ? (r.reason as { code: string }).code : 'ok'))));
      for (const r of results) if (r.status === 'rejected') assert.match((r.reason as { code: string }).code, /^approval_(approved|placed)$/);
      assert.equal(await desk.onExchange(ticket.idempotencyKey), 1);
      assert.equal(await desk.opened.db.deskOrders.count(), 1);
    } finally {
      await desk.close();
    }
  });

  it('approval re-runs the checks: a limit exceeded since the request refuses, nothing placed, the request waits again', async () => {
    const desk = await startDesk(store);
    try {
      const ticket = desk.ticket();
      const approval = await requested(desk, desk.tom, ticket);
      await desk.service.setMemberLimits(desk.admin, desk.tom.id, { maxOrderUsd: '500', maxDayUsd: null, allowedPairs: null, allowedTypes: null });
      await assert.rejects(desk.service.approvals.approve(desk.tess, approval.id, {}), { code: 'limit_order_notional' });
      assert.equal(await desk.onExchange(ticket.idempotencyKey), 0);
      assert.equal((await desk.service.approvals.get(desk.tess, approval.id)).approval.status, 'pending');
      await desk.service.freeze(desk.admin, true);
      await desk.service.setMemberLimits(desk.admin, desk.tom.id, { maxOrderUsd: null, maxDayUsd: null, allowedPairs: null, allowedTypes: null });
      await assert.rejects(desk.service.approvals.approve(desk.tess, approval.id, {}), { code: 'desk_frozen' });
      await desk.service.freeze(desk.admin, false);
      const now = await desk.service.approvals.get(desk.tess, approval.id);
      assert.ok(now.previewNow?.notionalUsd, 'the preview against the book now, for comparison');
      assert.equal((await desk.service.approvals.approve(desk.tess, approval.id, {})).approval.status, 'placed');
      assert.equal(await desk.onExchange(ticket.idempotencyKey), 1);
      assert.ok((await desk.actions()).includes('order.place:tom:refused'), 'the refused placement is audited for the requester');
    } finally {
      await desk.close();
    }
  });

  it('approval re-runs the fat-finger guard: a warning that appeared since the request needs the approver\'s confirmation', async () => {
    const desk = await startDesk(store);
    try {
      const ticket = desk.ticket();
      const approval = await requested(desk, desk.tom, ticket);
      // the admin lowers the confirmation threshold below the order's value after it was requested
      await desk.service.thresholds(desk.admin, { confirmNotionalUsd: '100' });
      await assert.rejects(desk.service.approvals.approve(desk.tess, approval.id, {}), (e: { code?: string; preview?: { confirmationRequired?: boolean } }) =>
        e.code === 'confirmation_required' && e.preview?.confirmationRequired === true);
      assert.equal(await desk.onExchange(ticket.idempotencyKey), 0, 'nothing placed without the confirmation');
      assert.equal((await desk.opened.db.approvals.get(approval.id))?.status, 'pending');
      assert.equal((await desk.service.approvals.approve(desk.tess, approval.id, { confirm: true })).approval.status, 'placed');
      assert.equal(await desk.onExchange(ticket.idempotencyKey), 1);
    } finally {
      await desk.close();
    }
  });

  it('an amend that raises an order above the threshold waits for approval, then is applied with the approver recorded', async () => {
    const desk = await startDesk(store);
    try {
      const preview = await desk.service.preview(desk.tom, desk.ticket());
      assert.deepEqual([preview.needsApproval, preview.approvalAboveUsd], [true, '1000'], 'the preview says so before sending');
      assert.equal((await desk.service.preview(desk.tom, desk.ticket('0.001'))).needsApproval, false);
      const placed = await desk.service.place(desk.tom, desk.ticket('0.001'));
      assert.ok('order' in placed.body);
      const txid = placed.body.order.txid;
      const waiting = await desk.service.amend(desk.tom, txid, { volume: '0.05' });
      assert.ok('approval' in waiting, 'the amend waits');
      assert.equal(waiting.approval.kind, 'amend');
      const [before] = await desk.kraken.private.queryOrders([txid]);
      assert.equal(Number(before!.volume), 0.001, 'nothing amended yet');
      const down = await desk.service.amend(desk.tom, txid, { volume: '0.0005' });
      assert.ok('amendId' in down, 'lowering the value needs no approval');
      // the approval re-runs the amend's checks too: a limit lowered since refuses it and nothing changes
      await desk.service.setMemberLimits(desk.admin, desk.tom.id, { maxOrderUsd: '500', maxDayUsd: null, allowedPairs: null, allowedTypes: null });
      await assert.rejects(desk.service.approvals.approve(desk.tess, waiting.approval.id, {}), { code: 'limit_order_notional' });
      const [unchanged] = await desk.kraken.private.queryOrders([txid]);
      assert.equal(Number(unchanged!.volume), 0.0005, 'the refused amend changed nothing');
      await desk.service.setMemberLimits(desk.admin, desk.tom.id, { maxOrderUsd: null, maxDayUsd: null, allowedPairs: null, allowedTypes: null });
      const approved = await desk.service.approvals.approve(desk.tess, waiting.approval.id, {});
      assert.equal(approved.approval.status, 'placed');
      const [after] = await desk.kraken.private.queryOrders([txid]);
      assert.equal(Number(after!.volume), 0.05);
      const intent = (await desk.opened.db.audit.all()).findLast((r) => r.action === 'order.amend' && r.phase === 'intent');
      assert.deepEqual([intent?.actor, (JSON.parse(intent?.detail ?? '{}') as { approvedBy?: string }).approvedBy], ['tom', 'tess']);
    } finally {
      await desk.close();
    }
  });
});
