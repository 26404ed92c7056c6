import type { Metadata } from 'next';
import { BalancesView } from '@/components/account/balances-view';
import { deskServices } from '@/lib/desk-services';
import { requireMember } from '@/lib/server/require-member';

export const metadata: Metadata = { title: 'Balances' };
// Account data and the member are per request; never prerender at build time.
export const dynamic = 'force-dynamic';

/** /balances: what the account holds, valued in USD at live prices (every member may read it). */
export default async function BalancesPage() {
  await requireMember('viewer');
  // the USD markets the desk lists decide which assets can be valued live
  const pairs = await deskServices().kraken.public.assetPairs().catch(() => []);
  const usdSymbols = pairs.map((p) => p.symbol).filter((s) => s.endsWith('/USD'));
  return (
    <div className="flex flex-col gap-4">
      <h1 className="text-xl font-semibold">Balances</h1>
      <BalancesView usdSymbols={usdSymbols} />
    </div>
  );
}
