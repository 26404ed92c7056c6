'use server';

import { revalidatePath } from 'next/cache';
import type { AdminResult } from '@/components/admin/types';
import { AppError } from '@/lib/errors';
import { action } from '@/lib/http/handler';
import { paperControlUrl, resetPaperAccount } from '@/lib/paper/reset';
import { getEnv } from '@/lib/server/env';

const reset = action({ role: 'admin' }, async ({ member, services }) => {
  const controlUrl = paperControlUrl(getEnv());
  if (!controlUrl) throw new AppError('not_paper');
  return resetPaperAccount({ controlUrl, audit: services.db.audit }, { id: member.id, username: member.username });
});

/** Resets the paper account (admins, same-origin, audited as paper.reset); only a paper desk has one. */
export async function resetPaperAction(): Promise<AdminResult> {
  const result = await reset(undefined);
  if (!result.ok) return { ok: false, message: result.error.message };
  revalidatePath('/admin/paper');
  const balances = Object.entries(result.data.balances).map(([code, amount]) => `${code} ${amount}`).join(', ');
  return { ok: true, message: `Paper account reset: ${result.data.cancelledOrders} open order(s) cancelled; balances ${balances}.` };
}
