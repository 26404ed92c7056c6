import type { Metadata } from 'next';
import { MarketsTable } from '@/components/markets/markets-table';
import { getDb } from '@/lib/server/db';
import { requireMember } from '@/lib/server/require-member';
import { setFavourite } from './actions';
import { getMarketsOverview } from '@/lib/server/market-data';

export const metadata: Metadata = { title: 'Markets' };
// Prices and the member are per request; never prerender at build time.
export const dynamic = 'force-dynamic';

export default async function MarketsPage() {
  const member = await requireMember();
  const db = getDb();
  const [overview, favourites, settings] = await Promise.all([getMarketsOverview(), db.favourites.list(member.id), db.memberSettings.get(member.id)]);
  return (
    <section aria-labelledby="markets-heading" className="space-y-4">
      <h1 id="markets-heading" className="text-xl font-semibold">
        Markets
      </h1>
      {overview.status === 'ready' ? (
        <MarketsTable rows={overview.data} favourites={favourites} saveFavourite={setFavourite} settings={settings} />
      ) : (
        <p role="alert" className="rounded-md border border-down/40 bg-panel p-4 text-sm text-down">
          {overview.message}
        </p>
      )}
    </section>
  );
}
