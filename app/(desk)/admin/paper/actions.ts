'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import type { AdminResult } from '@/components/admin/types';
import { AppError } from '@/lib/errors';
import { runAction } from '@/lib/orders/http';
import { paperControlUrl, resetPaperAccount } from '@/lib/paper/reset';
import { getDb } from '@/lib/server/db';
import { getEnv } from '@/lib/server/env';
import { actionGate } from '@/lib/server/with-member';

/** Resets the paper account (admins, same-origin, audited as paper.reset); only a paper desk has one. */
export async function resetPaperAction(): Promise<AdminResult> {
  const result = await runAction(actionGate, 'admin', z.undefined(), undefined, async (admin) => {
    const controlUrl = paperControlUrl(getEnv());
    if (!controlUrl) throw new AppError('not_paper', 409, 'This desk is not in paper mode: there is no paper account to reset.');
    return resetPaperAccount({ controlUrl, audit: getDb().audit }, { id: admin.id, username: admin.username });
  });
  if (!result.ok) return { ok: false, message: result.error.message };
  revalidatePath('/admin/paper');
  const balances = Object.entries(result.data.balances).map(([code, amount]) => `${code} ${amount}`).join(', ');
  return { ok: true, message: `Paper account reset: ${result.data.cancelledOrders} open order(s) cancelled; balances ${balances}.` };
}
