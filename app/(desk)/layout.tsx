import { reauthAction } from '@/app/(desk)/account/security/actions';
import { logout } from '@/app/(auth)/login/sign-out';
import { ReauthGate } from '@/components/auth/reauth-gate';
import { sessionAuthOf } from '@/lib/auth/session-auth';
import { DeskHeader } from '@/components/layout/desk-header';
import { requireMember } from '@/lib/server/require-member';

/**
 * Every desk page sits under this header. The session check here only decides whether to draw the
 * desk at all: pages still call requireMember themselves and route handlers use the one wrapper (lib/http/handler.ts),
 * because layouts are not re-run on every client navigation.
 */
export default async function DeskLayout({ children }: { children: React.ReactNode }) {
  const member = await requireMember('viewer', { allowUnenrolled: true });
  return (
    <div className="flex min-h-screen flex-col">
      <a
        href="#main"
        className="sr-only rounded-md bg-accent px-3 py-2 text-sm font-medium text-white focus:not-sr-only focus:absolute focus:left-3 focus:top-3 focus:z-50"
      >
        Skip to content
      </a>
      <DeskHeader username={member.username} role={member.role} signOut={logout} />
      <main id="main" tabIndex={-1} className="mx-auto w-full max-w-screen-2xl flex-1 px-3 py-4 focus:outline-none sm:px-4">
        {children}
      </main>
      <ReauthGate reauth={reauthAction} enrolled={sessionAuthOf(member)?.enrolled ?? false} />
    </div>
  );
}
