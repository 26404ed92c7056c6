'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import {
  approvalPolicy, createMember, deadMan, endSessions, freeze, resetPassword, resetSecondFactor, secondFactorPolicy, setDisabled,
  setLimitsOf, setRole, thresholds,
} from './admin-actions';

/**
 * Admin server actions. Each one runs an action of admin-actions.ts through the one wrapper (lib/http/handler.ts:
 * same-origin Origin, the admin role — a refusal is audited —, a re-authentication from the last 5 minutes,
 * zod-validated input, the audit row) and answers `{ ok, message }` for a toast.
 */
export interface AdminResult {
  ok: boolean;
  message: string;
  /** the refusal's code; `reauth_required` makes the page ask for the password and try again */
  code?: string;
}

type Outcome = { ok: true; data: unknown } | { ok: false; error: { code?: string; message: string } };

function answer(result: Outcome, success: string): AdminResult {
  if (!result.ok) return { ok: false, message: result.error.message, code: result.error.code };
  revalidatePath('/admin');
  return { ok: true, message: success };
}

export async function createMemberAction(input: { username: string; password: string; role: string }): Promise<AdminResult> {
  const result = await createMember(input);
  return answer(result, `Member ${z.object({ username: z.string() }).safeParse(input).data?.username ?? ''} added.`);
}

export async function setRoleAction(input: { id: number; role: string }): Promise<AdminResult> {
  const result = await setRole(input);
  return answer(result, `Role changed to ${input.role}.`);
}

export async function setDisabledAction(input: { id: number; disabled: boolean }): Promise<AdminResult> {
  const result = await setDisabled(input);
  return answer(result, input.disabled ? 'Member disabled and signed out everywhere.' : 'Member enabled.');
}

export async function resetPasswordAction(input: { id: number; password: string }): Promise<AdminResult> {
  const result = await resetPassword(input);
  return answer(result, 'Password reset; the member has been signed out everywhere.');
}

export interface LimitsForm {
  maxOrderUsd: string | null;
  maxDayUsd: string | null;
  allowedPairs: string[] | null;
  allowedTypes: string[] | null;
}

export async function setLimitsAction(id: number, limits: LimitsForm): Promise<AdminResult> {
  return answer(await setLimitsOf(id)(limits), 'Limits saved.');
}

export async function freezeAction(frozen: boolean): Promise<AdminResult> {
  const result = await freeze({ frozen });
  if (result.ok && frozen) {
    const { cancelled } = result.data;
    return answer(result, `Desk frozen: new orders are refused${cancelled !== null ? ` and ${cancelled} open order${cancelled === 1 ? ' was' : 's were'} cancelled` : ''}.`);
  }
  return answer(result, 'Desk unfrozen: members can place orders again.');
}

export async function deadManAction(enabled: boolean): Promise<AdminResult> {
  return answer(await deadMan({ enabled }), enabled ? "Dead-man's switch armed: open orders are cancelled within 60 s if the desk stops." : "Dead-man's switch off.");
}

export async function thresholdsFormAction(input: { confirmSlippageBps: string; confirmNotionalUsd: string }): Promise<AdminResult> {
  return answer(await thresholds(input), 'Confirmation thresholds saved.');
}

export async function approvalPolicyAction(input: unknown): Promise<AdminResult> {
  return answer(await approvalPolicy(input), 'Approval policy saved.');
}

export async function resetSecondFactorAction(input: { id: number }): Promise<AdminResult> {
  return answer(await resetSecondFactor(input), 'Second factor reset; the member has been signed out and signs in with their password next time.');
}

export async function endSessionsAction(input: { id: number }): Promise<AdminResult> {
  return answer(await endSessions(input), 'The member has been signed out everywhere.');
}

export async function secondFactorPolicyAction(input: { roles: string[] }): Promise<AdminResult> {
  const roles = z.object({ roles: z.array(z.string()) }).safeParse(input).data?.roles ?? [];
  return answer(await secondFactorPolicy(input), roles.length === 0 ? 'Two-factor sign-in is now optional for every role.' : `Two-factor sign-in is now required for: ${roles.join(', ')}.`);
}
