'use server';

import { revalidatePath } from 'next/cache';
import type { AdminResult } from '@/components/admin/types';
import { AppError } from '@/lib/errors';
import { action } from '@/lib/http/handler';
import { paperControlUrl, resetPaperAccount } from '@/lib/paper/reset';
import { getEnv } from '@/lib/server/env';

// like every other admin change that alters the desk's account: a password typed in the last 5 minutes
const reset = action({ role: 'admin', reauth: true }, async ({ member, services }) => {
  const controlUrl = paperControlUrl(getEnv());
  if (!controlUrl) throw new AppError('not_paper');
  return resetPaperAccount({ controlUrl, audit: services.db.audit }, { id: member.id, username: member.username });
});

/**
 * Resets the paper account (admins, same-origin, re-authenticated, audited as paper.reset); only a paper desk has
 * one. A `reauth_required` refusal carries its code so the page asks "Confirm it's you" and runs it again.
 */
export async function resetPaperAction(): Promise<AdminResult> {
  const result = await reset(undefined);
  if (!result.ok) return { ok: false, message: result.error.message, code: result.error.code };
  revalidatePath('/admin/paper');
  const balances = Object.entries(result.data.balances).map(([code, amount]) => `${code} ${amount}`).join(', ');
  return { ok: true, message: `Paper account reset: ${result.data.cancelledOrders} open order(s) cancelled; balances ${balances}.` };
}
