import type { Metadata } from 'next';
import { KeyHealth } from '@/components/admin/key-health';
import { keyHealth } from '@/lib/server/key-health';
import { requireMember } from '@/lib/server/require-member';

export const metadata: Metadata = { title: 'Key health' };
// Asks Kraken on every visit; never prerender at build time.
export const dynamic = 'force-dynamic';

/** /admin/key (admins only; others get a 404): what the configured Kraken key can do, and what to change. */
export default async function KeyHealthPage() {
  await requireMember('admin');
  const report = await keyHealth();
  return (
    <div className="flex max-w-3xl flex-col gap-4">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-xl font-semibold">Key health</h1>
        <a href="/admin" className="text-sm text-muted hover:text-accent">Back to admin</a>
      </div>
      <KeyHealth report={report} />
    </div>
  );
}
