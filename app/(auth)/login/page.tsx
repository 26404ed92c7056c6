import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { safeNextPath } from '@/lib/auth/request-context';
import { DEMO_MEMBERS, DEMO_PASSWORD } from '@/lib/auth/demo-members';
import { getEnv } from '@/lib/server/env';
import { currentMember } from '@/lib/server/session';
import { LoginForm } from './login-form';

export const metadata: Metadata = { title: 'Sign in' };

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { next } = await searchParams;
  const nextPath = safeNextPath(typeof next === 'string' ? next : null);
  if (await currentMember()) redirect(nextPath ?? '/markets');

  return (
    <main className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-8 flex items-center gap-3">
          <span aria-hidden className="grid size-10 place-items-center rounded-lg bg-accent text-lg font-bold text-white">
            K
          </span>
          <div>
            <h1 className="text-xl font-semibold">Kraken Desk</h1>
            <p className="text-sm text-muted">Sign in to your team&apos;s desk</p>
          </div>
        </div>
        <div className="rounded-xl border border-border bg-panel p-6 shadow-sm">
          <LoginForm next={nextPath ?? ''} />
        </div>
        {getEnv().DESK_MODE === 'demo' ? (
          <p className="mt-6 text-center text-xs text-muted">
            Demo desk: sign in as {DEMO_MEMBERS.map((m) => m.username).join(', ')} with password{' '}
            <code className="font-mono text-text">{DEMO_PASSWORD}</code>.
          </p>
        ) : (
          <p className="mt-6 text-center text-xs text-muted">Accounts are created by your desk admin.</p>
        )}
      </div>
    </main>
  );
}
