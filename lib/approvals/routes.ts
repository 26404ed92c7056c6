import type { z } from 'zod';
import { APPROVAL_STATUSES, type ApprovalStatus } from '../db/approvals';
import { AppError } from '../errors';
import type { RouteSpec } from '../orders/http';
import type { ApiServices } from '../orders/routes';
import { policySchema } from './policy';
import { approveSchema, rejectSchema } from './service';

type Spec<Body = undefined, Params = Record<string, string>> = RouteSpec<Body, Params, ApiServices>;

const json = (body: unknown, status = 200) => Response.json(body, { status });

function approvalId(text: string | undefined): number {
  if (!text || !/^\d{1,9}$/.test(text)) throw new AppError('invalid_approval_id', 400, 'The approval id must be a positive whole number.');
  return Number(text);
}

function statusFilter(req: Request): ApprovalStatus | undefined {
  const status = new URL(req.url).searchParams.get('status') ?? 'all';
  if (status === 'all') return undefined;
  if (!(APPROVAL_STATUSES as readonly string[]).includes(status)) {
    throw new AppError('invalid_status', 400, `status must be one of all, ${APPROVAL_STATUSES.join(', ')}.`);
  }
  return status as ApprovalStatus;
}

/**
 * The four-eyes API (app/api/approvals/**): plain route specs bound by `apiRoute` like API_ROUTES. Approve and
 * reject are the routes issue 12 §2 puts behind re-authentication: its `requireRecentAuth(member)` check goes as the
 * first line of their `handle`, before the service is called.
 */
export const APPROVAL_ROUTES = {
  /** GET ?status=pending|placed|rejected|expired|failed|approved|all (default all; newest 100) */
  list: {
    role: 'trader', mutation: false,
    async handle(s, req, { member }) {
      return json(await s.orders.approvals.list(member, statusFilter(req)));
    },
  } satisfies Spec,
  /** GET one request; `?preview=1` adds its order previewed against the book now */
  get: {
    role: 'trader', mutation: false,
    async handle(s, req, { member, params }) {
      const withPreview = new URL(req.url).searchParams.get('preview') === '1';
      return json(await s.orders.approvals.get(member, approvalId(params.id), withPreview));
    },
  } satisfies Spec<undefined, { id?: string }>,
  /** POST `{ confirm? }`: re-runs every check, then places (or amends) for the requester with the approver recorded */
  approve: {
    role: 'trader', mutation: true, body: approveSchema,
    async handle(s, _req, { member, params, body }) {
      return json(await s.orders.approvals.approve(member, approvalId(params.id), body));
    },
  } satisfies Spec<z.output<typeof approveSchema>, { id?: string }>,
  /** POST `{ reason }` */
  reject: {
    role: 'trader', mutation: true, body: rejectSchema,
    async handle(s, _req, { member, params, body }) {
      return json(await s.orders.approvals.reject(member, approvalId(params.id), body.reason));
    },
  } satisfies Spec<z.output<typeof rejectSchema>, { id?: string }>,
  /** GET the policy in force (any member: the ticket explains it) */
  getPolicy: {
    role: 'viewer', mutation: false,
    async handle(s) {
      return json({ policy: await s.orders.approvals.policy() });
    },
  } satisfies Spec,
  /** PUT the whole policy (admin; audited) */
  setPolicy: {
    role: 'admin', mutation: true, body: policySchema,
    async handle(s, _req, { member, body }) {
      return json({ policy: await s.orders.approvals.setPolicy(member, body) });
    },
  } satisfies Spec<z.output<typeof policySchema>>,
};
