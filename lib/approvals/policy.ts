import { z } from 'zod';
import { compareDecimal } from '../decimal';
import type { DeskSettings } from '../db/desk-settings';
import type { ApprovalRecord } from '../db/approvals';
import type { Member } from '../db/members';
import { roleAtLeast } from '../auth/roles';

/**
 * The desk's four-eyes policy (OWASP ASVS 5.0 V2.3.5): orders worth more than a USD threshold — desk-wide, or a
 * member's own — wait for a second member's approval. Stored beside the desk settings (lib/db/desk-settings.ts).
 */
export interface ApprovalPolicy {
  /** desk-wide threshold (USD), null = no approval step */
  aboveUsd: string | null;
  /** member id → their own threshold (null = never needs approval) */
  memberAboveUsd: Record<string, string | null>;
  approvers: 'traders' | 'admins';
  lifetimeMinutes: number;
}

/** The policy in force: an admin's setting, else the start-up value (DESK_APPROVAL_ABOVE_USD). */
export function approvalPolicy(settings: DeskSettings, initialAboveUsd: string | null): ApprovalPolicy {
  return {
    aboveUsd: settings.approvalAboveUsd === undefined ? initialAboveUsd : settings.approvalAboveUsd,
    memberAboveUsd: settings.approvalMemberAboveUsd,
    approvers: settings.approvalApprovers,
    lifetimeMinutes: settings.approvalLifetimeMinutes,
  };
}

/** The threshold that applies to a member's orders, or null when their orders never need approval. */
export function thresholdFor(policy: ApprovalPolicy, memberId: number): string | null {
  const own = policy.memberAboveUsd[String(memberId)];
  return own === undefined ? policy.aboveUsd : own;
}

/** The threshold an order of this value crosses, or null when it needs no approval. */
export function approvalThreshold(policy: ApprovalPolicy, memberId: number, notionalUsd: string | undefined): string | null {
  const threshold = thresholdFor(policy, memberId);
  if (threshold === null || notionalUsd === undefined) return null;
  return compareDecimal(notionalUsd, threshold) > 0 ? threshold : null;
}

/** Why this member may not decide this request, or null when they may. Never the requester, never a viewer. */
export function deciderRefusal(policy: ApprovalPolicy, member: Member, request: Pick<ApprovalRecord, 'requesterId'>): { code: 'self_approval' | 'not_an_approver'; message: string } | null {
  if (member.id === request.requesterId) {
    return { code: 'self_approval', message: 'You cannot approve or reject your own request: a second member must decide it.' };
  }
  if (!roleAtLeast(member.role, policy.approvers === 'admins' ? 'admin' : 'trader')) {
    return { code: 'not_an_approver', message: policy.approvers === 'admins' ? 'The desk policy lets only admins decide approval requests.' : 'Only traders and admins can decide approval requests.' };
  }
  return null;
}

/** Whether this member may decide some requests at all (the header badge and the panel). */
export function canApprove(policy: ApprovalPolicy, member: Member): boolean {
  return roleAtLeast(member.role, policy.approvers === 'admins' ? 'admin' : 'trader');
}

const usd = z.string().trim().regex(/^\d{1,15}(\.\d{1,2})?$/, 'must be a USD amount such as "50000" or "2500.50"');

/** Admin input on /admin (all fields; null threshold = no approval step). */
export const policySchema = z.strictObject({
  aboveUsd: usd.nullable(),
  memberAboveUsd: z.record(z.string(), usd.nullable()).refine((r) => Object.keys(r).every((k) => /^\d{1,9}$/.test(k)), 'member ids are whole numbers'),
  approvers: z.enum(['traders', 'admins'], { error: 'approvers must be "traders" or "admins"' }),
  lifetimeMinutes: z.number({ error: 'lifetimeMinutes must be a number' }).int('lifetimeMinutes must be whole minutes').min(1, 'requests live at least 1 minute').max(24 * 60, 'requests live at most 24 hours (1440 minutes)'),
});

export type PolicyInput = z.output<typeof policySchema>;

/** The desk settings fields a policy is stored in. */
export function policySettings(input: PolicyInput): Partial<DeskSettings> {
  return {
    approvalAboveUsd: input.aboveUsd,
    approvalMemberAboveUsd: input.memberAboveUsd,
    approvalApprovers: input.approvers,
    approvalLifetimeMinutes: input.lifetimeMinutes,
  };
}
