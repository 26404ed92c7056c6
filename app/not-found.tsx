import type { Metadata } from 'next';
import { logout } from '@/app/(auth)/login/sign-out';
import { DeskHeader } from '@/components/layout/desk-header';
import { NotFoundView } from '@/components/layout/not-found-view';
import { currentMember } from '@/lib/server/session';

export const metadata: Metadata = { title: 'Not found' };

/**
 * The desk's own 404 for any unknown address. A signed-in member keeps the desk's header, so the way on is one
 * click; everyone else gets the way to sign in. Inside the desk's layout (an unlisted pair) the layout already
 * draws the header: app/(desk)/trade/[symbol]/not-found.tsx shows the same view without a second one.
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
