import { APPROVAL_STATUSES, type ApprovalStatus } from '../db/approvals';
import { AppError } from '../errors';

/** The `{id}` of /api/approvals/{id}/…: a positive whole number. */
export function approvalId(text: string | undefined): number {
  if (!text || !/^\d{1,9}$/.test(text)) throw new AppError('invalid_approval_id');
  return Number(text);
}

/** `?status=` of GET /api/approvals: one status, or `all` (the default). */
export function approvalStatusFilter(req: Request): ApprovalStatus | undefined {
  const status = new URL(req.url).searchParams.get('status') ?? 'all';
  if (status === 'all') return undefined;
  if (!(APPROVAL_STATUSES as readonly string[]).includes(status)) throw new AppError('invalid_status', `status must be one of all, ${APPROVAL_STATUSES.join(', ')}.`);
  return status as ApprovalStatus;
}
