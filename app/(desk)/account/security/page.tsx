import type { Metadata } from 'next';
import { logoutEverywhere } from '@/app/(auth)/login/sign-out';
import { SecondFactorPanel } from '@/components/auth/second-factor-panel';
import { sessionAuthOf } from '@/lib/auth/session-auth';
import { getDb } from '@/lib/server/db';
import { requireMember } from '@/lib/server/require-member';
import { confirmEnrolmentAction, disableSecondFactorAction, renewRecoveryCodesAction, startEnrolmentAction } from './actions';

export const metadata: Metadata = { title: 'Security' };
export const dynamic = 'force-dynamic';

/** /account/security: the member's own second factor and sessions. Members who must enrol land here first. */
export default async function SecurityPage() {
  const member = await requireMember('viewer', { allowUnenrolled: true });
  const db = getDb();
  const auth = sessionAuthOf(member);
  const [factor, required, codesLeft, sessions] = await Promise.all([
    db.secondFactor.get(member.id),
    db.secondFactor.requiredRoles(),
    db.secondFactor.remainingRecoveryCodes(member.id),
    db.sessions.live(member.id),
  ]);
  const enrolled = Boolean(factor?.confirmedAt);
  return (
    <div className="mx-auto flex max-w-2xl flex-col gap-4">
      <h1 className="text-xl font-semibold">Security</h1>
      {auth?.mustEnrol ? (
        <p role="status" className="rounded-md border border-accent bg-panel p-3 text-sm">
          Your desk requires two-factor sign-in for {member.role}s. Set up an authenticator app below to continue to the desk.
        </p>
      ) : null}
      <SecondFactorPanel
        enrolled={enrolled}
        enrolledAt={factor?.confirmedAt ?? null}
        codesLeft={codesLeft}
        required={required.includes(member.role)}
        actions={{ start: startEnrolmentAction, confirm: confirmEnrolmentAction, renew: renewRecoveryCodesAction, disable: disableSecondFactorAction }}
      />
      <section aria-labelledby="sessions-title" className="flex flex-col gap-3 rounded-lg border border-border bg-panel p-4">
        <h2 id="sessions-title" className="text-base font-semibold">Sessions</h2>
        <p className="text-sm text-muted">
          You are signed in in {sessions.length} browser{sessions.length === 1 ? '' : 's'} (counting this one). Sessions end after a
          period without use and, at the latest, a fixed time after sign-in.
        </p>
        <form action={logoutEverywhere}>
          <button type="submit" className="h-9 rounded-md border border-border px-3 text-sm font-medium hover:bg-panel-2">
            Sign out everywhere
          </button>
        </form>
      </section>
    </div>
  );
}
