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
/** each mounted ticket's listener, with the symbol it trades */
const listeners = new Map<Listener, string>();
/** How long a prefill waits for its ticket: the ticket loads after the page, and a tap can come first. */
const PENDING_MS = 10_000;
let pending: { fill: TicketPrefill; at: number } | undefined;

/**
 * Hands a price (and maybe a size or a side) to the page's ticket for that symbol. When that ticket is not
 * mounted yet (it loads after the page; a phone's Buy/Sell tap can come first) the latest prefill waits for it
 * for a few seconds instead of being lost.
 */
export function prefillTicket(fill: TicketPrefill): void {
  let delivered = false;
  for (const [listener, symbol] of listeners) {
    if (symbol !== fill.symbol) continue;
    listener(fill);
    delivered = true;
  }
  pending = delivered ? undefined : { fill, at: Date.now() };
}

/**
 * Registers a ticket's listener for `symbol` and hands it a prefill that waited for it; returns the unsubscribe.
 * (The hook below is the React end; this is the whole mechanism.)
 */
export function subscribePrefill(symbol: string, listener: Listener): () => void {
  listeners.set(listener, symbol);
  if (pending && pending.fill.symbol === symbol && Date.now() - pending.at <= PENDING_MS) {
    const { fill } = pending;
    pending = undefined;
    listener(fill);
  }
  return () => {
    listeners.delete(listener);
  };
}

/** The ticket's end: calls `apply` with every prefill for its symbol, and with one that waited for it. */
export function useTicketPrefill(symbol: string, apply: (fill: TicketPrefill) => void): void {
  const applyRef = useRef(apply);
  useEffect(() => {
    applyRef.current = apply;
  });
  useEffect(() => subscribePrefill(symbol, (fill) => applyRef.current(fill)), [symbol]);
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
