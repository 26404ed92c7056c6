'use client';

import { useEffect, useRef } from 'react';

/** What a click on the market data asks of the ticket. */
export interface TicketPrefill {
  symbol: string;
  /** decimal text in the pair's precision (none: only the side changes, e.g. the phone's Buy/Sell bar) */
  price?: string;
  side?: 'buy' | 'sell';
  /** base size (cumulative book size, or a trade's size) when asked with the modifier key */
  size?: string;
}

type Listener = (fill: TicketPrefill) => void;
const listeners = new Set<Listener>();

/** Hands a price (and maybe a size) to the page's ticket for that symbol; nothing happens without one. */
export function prefillTicket(fill: TicketPrefill): void {
  for (const listener of listeners) listener(fill);
}

/** The ticket's end: calls `apply` with every prefill for its symbol. */
export function useTicketPrefill(symbol: string, apply: (fill: TicketPrefill) => void): void {
  const applyRef = useRef(apply);
  useEffect(() => {
    applyRef.current = apply;
  });
  useEffect(() => {
    const listener: Listener = (fill) => {
      if (fill.symbol === symbol) applyRef.current(fill);
    };
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  }, [symbol]);
}

/**
 * One click handler for a whole table of levels or trades (rows carry `data-price` and `data-size`):
 * a click uses the row's price, Shift+click its price and size. Delegated, so rows stay plain markup
 * and a busy book re-renders nothing extra.
 */
export function prefillFromRowClick(symbol: string) {
  return (event: React.MouseEvent<HTMLElement>) => {
    const row = (event.target as HTMLElement).closest<HTMLElement>('[data-price]');
    const price = row?.dataset.price;
    if (!row || !price) return;
    const size = event.shiftKey ? row.dataset.size : undefined;
    // Shift+click would otherwise select text across rows
    if (event.shiftKey) window.getSelection()?.removeAllRanges();
    prefillTicket({ symbol, price, ...(size ? { size } : {}) });
  };
}
