'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { prefillTicket } from '@/components/order-ticket/ticket-prefill';

/**
 * On a phone (< 640 px) the ticket is one tap away: a Buy/Sell bar stays at the bottom of the screen and
 * opens the ticket as a sheet over the page, with that side chosen. The ticket stays mounted (hidden), so
 * what the member typed survives closing the sheet. From 640 px up the ticket sits in the page as usual.
 */
export function PhoneTicket({ symbol, base, canTrade, children }: { symbol: string; base: string; canTrade: boolean; children: ReactNode }) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  const show = (side: 'buy' | 'sell') => {
    prefillTicket({ symbol, side });
    setOpen(true);
  };
  return (
    <>
      {open ? <div aria-hidden="true" onClick={() => setOpen(false)} className="fixed inset-0 z-30 bg-black/60 sm:hidden" /> : null}
      <div
        data-sheet={open ? 'open' : 'closed'}
        className={
          open
            ? 'max-sm:fixed max-sm:inset-x-0 max-sm:bottom-0 max-sm:z-40 max-sm:max-h-[85vh] max-sm:overflow-y-auto max-sm:rounded-t-xl max-sm:border-t max-sm:border-border max-sm:bg-panel max-sm:pt-8'
            : 'max-sm:hidden'
        }
      >
        {open ? (
          <button
            type="button"
            onClick={() => setOpen(false)}
            className="absolute right-2 top-1 rounded px-2 py-1 text-sm text-muted hover:bg-panel-2 sm:hidden"
          >
            Close
          </button>
        ) : null}
        {children}
      </div>
      {canTrade && !open ? (
        <div className="fixed inset-x-0 bottom-0 z-20 grid grid-cols-2 gap-2 border-t border-border bg-panel p-2 sm:hidden">
          <button type="button" onClick={() => show('buy')} className="rounded-md bg-up px-3 py-2.5 text-sm font-semibold text-white">
            Buy {base}
          </button>
          <button type="button" onClick={() => show('sell')} className="rounded-md bg-down px-3 py-2.5 text-sm font-semibold text-white">
            Sell {base}
          </button>
        </div>
      ) : null}
    </>
  );
}
