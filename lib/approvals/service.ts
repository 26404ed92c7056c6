import { z } from 'zod';
import { AppError, isAppErrorCode } from '../errors';
import { auditEvent, auditRefusal, type Actor } from '../audit/events';
import type { ApprovalRecord, ApprovalStatus } from '../db/approvals';
import type { Member } from '../db/members';
import type { AmendResult } from '../orders/amend';
import { toAppError } from '../orders/kraken-errors';
import type { PlaceDeps, PlaceResult } from '../orders/place';
import type { OrderPreview } from '../desk-api/preview';
import type { AmendTicket, Ticket } from '../orders/ticket';
import { expireDueRequests } from './expiry';
import { createApprovalGate, type ApprovalGate, type Approved } from './gate';
import { roleAtLeast } from '../auth/roles';
import { approvalPolicy, canApprove, deciderRefusal, policySettings, type ApprovalPolicy, type PolicyInput } from './policy';
import { previewNow } from './preview-now';
import { closedMessage, toApprovalView, type ApprovalView } from './view';

export const rejectSchema = z.strictObject({
  reason: z.string({ error: 'reason is required: say why the order is rejected' }).trim().min(1, 'reason is required: say why the order is rejected').max(500, 'reason is at most 500 characters'),
});
export const approveSchema = z.strictObject({
  /** the approver confirms a fat-finger warning that appeared since the request */
  confirm: z.boolean({ error: 'confirm must be true or false' }).optional(),
});

export interface ApprovalServiceDeps {
  /** the order path's dependencies (database, market, clock) */
  place: PlaceDeps;
  initialAboveUsd: string | null;
  /** places the requester's ticket with the approver recorded (lib/orders/place.ts placeOrder) */
  placeApproved(requester: Member, ticket: Ticket, approved: Approved): Promise<PlaceResult>;
  /** amends the requester's order with the approver recorded (lib/orders/amend.ts amendOrder) */
  amendApproved(requester: Member, orderId: string, amend: AmendTicket, approved: Approved): Promise<AmendResult>;
}

export interface ApprovalService {
  readonly gate: ApprovalGate;
  policy(): Promise<ApprovalPolicy>;
  setPolicy(admin: Member, input: PolicyInput): Promise<ApprovalPolicy>;
  list(member: Member, status: ApprovalStatus | undefined): Promise<{ approvals: ApprovalView[]; canApprove: boolean }>;
  get(member: Member, id: number, withPreview?: boolean): Promise<{ approval: ApprovalView; previewNow: OrderPreview | null; previewError?: string }>;
  approve(member: Member, id: number, options: z.output<typeof approveSchema>): Promise<{ approval: ApprovalView; result: unknown }>;
  reject(member: Member, id: number, reason: string): Promise<{ approval: ApprovalView }>;
  /** Expires every pending request whose time ran out (audited once each); run before every read and decision. */
  sweep(): Promise<number>;
}

interface Outcome {
  status: ApprovalStatus;
  reason: string | null;
  result: unknown;
  httpStatus: number;
  error?: { code: string; message: string };
}

const actorOf = (member: Member): Actor => ({ id: member.id, username: member.username });
const detailOf = (r: ApprovalRecord) => ({ approvalId: r.id, kind: r.kind, idempotencyKey: r.idempotencyKey, requester: r.requester, notionalUsd: r.notionalUsd });

/** What the service's steps share: its dependencies, the policy read and the expiry sweep. */
interface Steps {
  deps: ApprovalServiceDeps;
  policy(): Promise<ApprovalPolicy>;
  sweep(): Promise<number>;
}

export function createApprovalService(deps: ApprovalServiceDeps): ApprovalService {
  const { db, now } = deps.place;
  const gate = createApprovalGate({ db, now, initialAboveUsd: deps.initialAboveUsd });
  const policy = async () => approvalPolicy(await db.deskSettings.get(), deps.initialAboveUsd);

  const sweep = () => expireDueRequests(db, now);
  const steps: Steps = { deps, policy, sweep };

  return {
    gate,
    policy,
    async setPolicy(admin, input) {
      await db.deskSettings.update(policySettings(input));
      await auditEvent(db.audit, actorOf(admin), 'desk.approval_policy', input);
      return policy();
    },
    async list(member, status) {
      await sweep();
      const current = await policy();
      const rows = await db.approvals.list({ status, limit: 100 });
      return { approvals: rows.map((r) => toApprovalView(r, r.status === 'pending' && deciderRefusal(current, member, r) === null)), canApprove: canApprove(current, member) };
    },
    get: (member, id, withPreview = true) => getRequest(steps, member, id, withPreview),
    approve: (member, id, options) => approveRequest(steps, member, id, options),
    reject: (member, id, text) => rejectRequest(steps, member, id, text),
    sweep,
  };
}

async function getRequest({ deps, policy, sweep }: Steps, member: Member, id: number, withPreview: boolean): ReturnType<ApprovalService['get']> {
  await sweep();
  const record = await deps.place.db.approvals.get(id);
  if (!record) throw new AppError('approval_not_found');
  const approval = toApprovalView(record, record.status === 'pending' && deciderRefusal(await policy(), member, record) === null);
  if (record.status !== 'pending' || !withPreview) return { approval, previewNow: null };
  try {
    return { approval, previewNow: await previewNow(deps.place, record) };
  } catch (error) {
    return { approval, previewNow: null, previewError: toAppError(error).message };
  }
}

/** The request a member is about to decide: exists, still pending, and theirs to decide. Refusals are audited. */
async function decidable({ deps, policy, sweep }: Steps, member: Member, id: number, action: string): Promise<ApprovalRecord> {
  const { db } = deps.place;
  await sweep();
  const record = await db.approvals.get(id);
  if (!record) throw new AppError('approval_not_found');
  const refusal = deciderRefusal(await policy(), member, record) ?? (record.status === 'pending' ? null : { code: `approval_${record.status}` as const, message: closedMessage(record) });
  if (refusal) {
    await auditRefusal(db.audit, actorOf(member), action, refusal.code, { ...detailOf(record), message: refusal.message }, record.symbol);
    throw new AppError(refusal.code, refusal.message);
  }
  return record;
}

/** The request moved on by someone else (decided, expired) between reading and claiming it. */
async function lostClaim({ deps, sweep }: Steps, id: number): Promise<never> {
  await sweep();
  const current = await deps.place.db.approvals.get(id);
  throw new AppError(current ? (`approval_${current.status}` as const) : 'approval_gone', current ? closedMessage(current) : undefined);
}

/** Moves the request on from `approved`; the placement's outcome decides where. */
const settle = ({ deps }: Steps, id: number, approverId: number, to: ApprovalStatus, reason: string | null, result: unknown) =>
  deps.place.db.approvals.transition(id, { from: 'approved', to, approverId: to === 'pending' ? null : approverId, reason, result, decidedAt: to === 'pending' ? null : deps.place.now().toISOString() });

async function carryOut(deps: ApprovalServiceDeps, record: ApprovalRecord, requester: Member, approver: Member, confirm: boolean): Promise<Outcome> {
  const approved = { approver, approvalId: record.id };
  if (record.kind === 'amend') {
    const { orderId, amend } = record.ticket as { orderId: string; amend: AmendTicket };
    const result = await deps.amendApproved(requester, orderId, { ...amend, ...(confirm ? { confirm: true } : {}) }, approved);
    return { status: 'placed', reason: null, result, httpStatus: 200 };
  }
  const ticket = record.ticket as Ticket;
  const placed = await deps.placeApproved(requester, { ...ticket, ...(confirm ? { confirm: true } : {}) }, approved);
  if ('order' in placed.body) return { status: 'placed', reason: null, result: placed.body, httpStatus: placed.status };
  if ('error' in placed.body) {
    // Proved not placed (e.g. the exchange was unreachable): the request waits again; a verdict on the order fails it.
    const { error } = placed.body;
    return { status: error.retryable ? 'pending' : 'failed', reason: error.message, result: placed.body, httpStatus: placed.status, error };
  }
  throw new Error('an approved placement asked for approval again');
}

/** Audits a refused decision (outcome `refused`) and hands the error back to be thrown. */
async function refuse(db: ApprovalServiceDeps['place']['db'], member: Member, record: ApprovalRecord, error: AppError): Promise<AppError> {
  await auditRefusal(db.audit, actorOf(member), 'approval.approve', error.code, { ...detailOf(record), message: error.message }, record.symbol);
  return error;
}

async function approveRequest(steps: Steps, member: Member, id: number, options: z.output<typeof approveSchema>): ReturnType<ApprovalService['approve']> {
  const { db, now } = steps.deps.place;
  // Re-authentication belongs in the route, before this call: see app/api/approvals/[id]/approve/route.ts.
  const record = await decidable(steps, member, id, 'approval.approve');
  const requester = await db.members.findById(record.requesterId);
  if (!requester || requester.disabled) throw await refuse(db, member, record, new AppError('requester_disabled', `${record.requester}'s account is disabled: reject this request instead.`));
  // The order is placed as the requester's: a requester demoted to viewer since asking may not trade any more.
  if (!roleAtLeast(requester.role, 'trader')) throw await refuse(db, member, record, new AppError('requester_cannot_trade', `${record.requester} is a ${requester.role} now and may not trade: reject this request instead.`));
  const stamp = now().toISOString();
  // The one atomic step: of concurrent approvals (any desk instance) exactly one moves the request on.
  const claimed = await db.approvals.transition(id, { from: 'pending', to: 'approved', approverId: member.id, decidedAt: stamp, before: stamp });
  if (!claimed) return lostClaim(steps, id);
  await auditEvent(db.audit, actorOf(member), 'approval.approve', detailOf(record), { subject: record.symbol });
  let outcome: Outcome;
  try {
    outcome = await carryOut(steps.deps, record, requester, member, options.confirm === true);
  } catch (error) {
    // Refused by the desk's checks before anything reached Kraken (limits, freeze, fat-finger…): nothing happened,
    // so the request waits again — to be approved once the reason is gone, rejected, or to expire.
    await settle(steps, id, member.id, 'pending', null, null);
    await auditRefusal(db.audit, actorOf(member), 'approval.approve', toAppError(error).code, { ...detailOf(record), message: toAppError(error).message }, record.symbol);
    throw error;
  }
  const settled = await settle(steps, id, member.id, outcome.status, outcome.reason, outcome.result);
  if (outcome.error) {
    await auditEvent(db.audit, actorOf(member), 'approval.approve', { ...detailOf(record), result: outcome.status, reason: outcome.reason }, { subject: record.symbol, outcome: 'error' });
    const message = outcome.status === 'failed' ? `Approved, but the order was not placed: ${outcome.error.message}` : outcome.error.message;
    throw new AppError(isAppErrorCode(outcome.error.code) ? outcome.error.code : 'kraken_unknown', message);
  }
  return { approval: toApprovalView(settled ?? record), result: outcome.result };
}

async function rejectRequest(steps: Steps, member: Member, id: number, text: string): ReturnType<ApprovalService['reject']> {
  const { db, now } = steps.deps.place;
  const reason = text.trim();
  if (!reason) throw new AppError('reason_required');
  const record = await decidable(steps, member, id, 'approval.reject');
  const stamp = now().toISOString();
  const rejected = await db.approvals.transition(id, { from: 'pending', to: 'rejected', approverId: member.id, reason, decidedAt: stamp, before: stamp });
  if (!rejected) return lostClaim(steps, id);
  await auditEvent(db.audit, actorOf(member), 'approval.reject', { ...detailOf(record), reason }, { subject: record.symbol });
  return { approval: toApprovalView(rejected) };
}
