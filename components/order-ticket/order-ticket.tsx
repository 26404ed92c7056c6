'use client';

import { Toaster } from '@/components/ui/toaster';
import type { Role } from '@/lib/auth/roles';
import type { TicketPair } from '@/lib/account-client/types';
import { TicketForm } from './ticket-form';

export interface OrderTicketProps {
  pair: TicketPair;
  role: Role;
  /** digits prices are shown with (defaults to the tick size's) */
  pricePrecision?: number;
  /** the pair's taker fee in percent (first tier), so the 100 % button sizes an order that can fill */
  takerFeePct?: string;
}

/**
 * The order ticket for one pair. Viewers get a read-only note instead: they may not trade, and the
 * API refuses them anyway (this only spares them a form that cannot work).
 */
export function OrderTicket({ pair, role, pricePrecision, takerFeePct }: OrderTicketProps) {
  if (role === 'viewer') {
    return (
      <aside aria-label="Trading access" className="rounded-lg border border-border bg-panel p-3 text-sm text-muted">
        You have read-only access. Ask an admin for the trader role to place orders.
      </aside>
    );
  }
  const digits = pricePrecision ?? (pair.tickSize.split('.')[1]?.length ?? 0);
  return (
    <section aria-label="Order ticket" className="rounded-lg border border-border bg-panel p-3">
      <h2 className="mb-2 text-sm font-semibold">
        Order ticket <span className="font-normal text-muted">{pair.symbol}</span>
      </h2>
      <TicketForm pair={pair} pricePrecision={digits} takerFeePct={takerFeePct} />
      <Toaster />
    </section>
  );
}
