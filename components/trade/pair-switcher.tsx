'use client';

import dynamic from 'next/dynamic';
import { useEffect, useState } from 'react';
import type { PairChoice } from '@/lib/markets/pair-search';

// The dialog (search, list, keyboard) is fetched the first time it opens: it is never on the first screen.
const PairSwitcherDialog = dynamic(() => import('./pair-switcher-dialog').then((m) => m.PairSwitcherDialog), { ssr: false });

/** True when a key typed now belongs to a text field, not to the page's shortcuts. */
function typingInField(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * The pair's name as a button that opens a searchable switcher; `/` or Ctrl/⌘+K open it from anywhere
 * on the page (but `/` not while typing in a field, where it is a character).
 */
export function PairSwitcher({ symbol, pairs }: { symbol: string; pairs: readonly PairChoice[] }) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const ctrlK = (e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'k';
      const slash = e.key === '/' && !e.ctrlKey && !e.metaKey && !e.altKey && !typingInField(e.target);
      if (!ctrlK && !slash) return;
      e.preventDefault();
      setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const [base, quote] = symbol.split('/');
  return (
    <>
      <h1 className="text-lg font-semibold">
        <button
          type="button"
          onClick={() => setOpen(true)}
          aria-haspopup="dialog"
          aria-keyshortcuts="/ Control+K"
          aria-label={`${symbol}, switch pair`}
          title="Switch pair (/ or Ctrl+K)"
          className="rounded-md px-1 after:ml-1 after:text-xs after:text-muted after:content-['▾'] hover:bg-panel-2 focus-visible:outline focus-visible:outline-2 focus-visible:outline-accent"
        >
          {base}
          <span className="text-muted">/{quote}</span>
        </button>
      </h1>
      {open ? <PairSwitcherDialog current={symbol} pairs={pairs} onClose={() => setOpen(false)} /> : null}
    </>
  );
}
