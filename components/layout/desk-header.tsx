import Link from 'next/link';
import type { Role } from '@/lib/auth/roles';
import { LazyApprovalsBadge } from '@/components/approvals/lazy-approvals-badge';
import { NavLinks, type NavLink } from './nav-links';
import { ThemeToggle } from './theme-toggle';

export interface DeskHeaderProps {
  username: string;
  role: Role;
  /** The logout server action. */
  signOut: () => Promise<void>;
}

function linksFor(role: Role): NavLink[] {
  const links: NavLink[] = [
    { href: '/markets', label: 'Markets' },
    { href: '/orders', label: 'Orders' },
    { href: '/balances', label: 'Balances' },
  ];
  if (role === 'admin') links.push({ href: '/admin', label: 'Admin' });
  return links;
}

/** The bar on every desk page: brand, main navigation, who is signed in, theme, sign out. */
export function DeskHeader({ username, role, signOut }: DeskHeaderProps) {
  return (
    <header className="border-b border-border bg-panel">
      <div className="mx-auto flex max-w-screen-2xl flex-wrap items-center gap-x-4 gap-y-2 px-3 py-2 sm:px-4">
        <Link href="/markets" className="flex items-center gap-2 font-semibold">
          <span aria-hidden className="grid size-7 place-items-center rounded-md bg-accent text-sm font-bold text-white">
            K
          </span>
          <span className="hidden sm:inline">Kraken Desk</span>
        </Link>
        <nav aria-label="Main" className="order-last w-full min-w-0 sm:order-none sm:w-auto sm:flex-1">
          <NavLinks links={linksFor(role)} />
        </nav>
        <div className="ml-auto flex items-center gap-2">
          <p className="flex flex-col items-end text-right leading-tight">
            <span className="max-w-[10rem] truncate text-sm font-medium">
              <span className="sr-only">Signed in as </span>
              {username}
            </span>
            <span className="text-xs capitalize text-muted">{role}</span>
          </p>
          {role !== 'viewer' ? <LazyApprovalsBadge /> : null}
          <Link href="/account/security" className="text-sm text-muted underline-offset-2 hover:text-text hover:underline">
            Security
          </Link>
          <ThemeToggle />
          <form action={signOut}>
            <button
              type="submit"
              className="h-9 rounded-md border border-border px-3 text-sm font-medium text-text hover:bg-panel-2"
            >
              Sign out
            </button>
          </form>
        </div>
      </div>
    </header>
  );
}
