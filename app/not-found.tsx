import type { Metadata } from 'next';
import { logout } from '@/app/(auth)/login/sign-out';
import { DeskHeader } from '@/components/layout/desk-header';
import Link from 'next/link';
import { currentMember } from '@/lib/server/session';

export const metadata: Metadata = { title: 'Not found' };

/**
 * The desk's own 404, for any unknown address and for `notFound()` anywhere (an unlisted pair, a page
 * the member's role may not see). A signed-in member keeps the desk's header, so the way on is one click;
 * everyone else gets the way to sign in.
 */
export default async function NotFound() {
  const member = await currentMember().catch(() => null);
  return (
    <div className="flex min-h-screen flex-col">
      {member ? <DeskHeader username={member.username} role={member.role} signOut={logout} /> : null}
      <main id="main" className="mx-auto w-full max-w-screen-2xl flex-1 px-3 py-4 sm:px-4">
        <NotFoundView />
      </main>
    </div>
  );
}

/** What a 404 says on the desk: what happened, and the ways back (markets, or where the member came from). */
function NotFoundView() {
  return (
    <section aria-labelledby="not-found-heading" className="mx-auto max-w-lg space-y-3 py-12 text-center">
      <p className="text-sm font-semibold text-muted">404</p>
      <h1 id="not-found-heading" className="text-xl font-semibold">
        This page does not exist
      </h1>
      <p className="text-sm text-muted">
        The address may be mistyped, or the pair is not listed on the exchange. Markets lists every pair you can trade.
      </p>
      <p>
        <Link href="/markets" className="inline-block rounded-md bg-accent px-4 py-2 text-sm font-medium text-white hover:opacity-90">
          Back to markets
        </Link>
      </p>
    </section>
  );
}
