'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export interface NavLink {
  href: string;
  label: string;
}

export function NavLinks({ links }: { links: NavLink[] }) {
  const pathname = usePathname();
  return (
    <ul className="flex items-center gap-1 overflow-x-auto">
      {links.map(({ href, label }) => {
        const active = pathname === href || pathname.startsWith(`${href}/`);
        return (
          <li key={href}>
            <Link
              href={href}
              aria-current={active ? 'page' : undefined}
              className={`block whitespace-nowrap rounded-md px-3 py-1.5 text-sm font-medium ${
                active ? 'bg-panel-2 text-text' : 'text-muted hover:bg-panel-2 hover:text-text'
              }`}
            >
              {label}
            </Link>
          </li>
        );
      })}
    </ul>
  );
}
