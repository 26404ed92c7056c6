import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { PaperReset, type PaperAccountView } from '@/components/admin/paper-reset';
import { Toaster } from '@/components/ui/toaster';
import { paperControlUrl, paperInfoOf } from '@/lib/paper/reset';
import { getEnv } from '@/lib/server/env';
import { requireMember } from '@/lib/server/require-member';
import { resetPaperAction } from './actions';

export const metadata: Metadata = { title: 'Paper account' };
export const dynamic = 'force-dynamic';

/** /admin/paper (admins, paper mode only; otherwise 404): the paper market's source and the account reset. */
export default async function PaperAccountPage() {
  await requireMember('admin');
  const controlUrl = paperControlUrl(getEnv());
  if (!controlUrl) notFound();
  let info: PaperAccountView | null = null;
  try {
    const raw = await paperInfoOf({ controlUrl });
    info = { market: raw.market, status: raw.status, source: raw.source?.url ?? null, connection: raw.source?.connection ?? null, startingBalances: raw.startingBalances };
  } catch {
    info = null;
  }
  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">Paper account</h1>
        <a href="/admin" className="text-sm text-muted hover:text-accent">Back to admin</a>
      </div>
      <PaperReset info={info} reset={resetPaperAction} />
      <Toaster />
    </div>
  );
}
