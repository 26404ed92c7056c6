'use client';

import { Button } from '@/components/ui/button';
import { SelectField } from '@/components/ui/field';
import type { TicketDraft } from '@/lib/account-client/build';
import { orderTypeLabel } from '@/lib/account-client/order-types';
import { ORDER_TYPES, type OrderType } from '@/lib/desk-api/orders';

/** Buy/Sell toggle and the order type: the two choices that decide which other fields the ticket shows. */
export function TicketSideType({ form, onChange }: { form: TicketDraft; onChange: (patch: Partial<TicketDraft>) => void }) {
  return (
    <>
      <div role="group" aria-label="Side" className="grid grid-cols-2 gap-1">
        {(['buy', 'sell'] as const).map((s) => (
          <Button key={s} variant={form.side === s ? s : 'secondary'} aria-pressed={form.side === s} onClick={() => onChange({ side: s })}>
            {s === 'buy' ? 'Buy' : 'Sell'}
          </Button>
        ))}
      </div>
      <SelectField label="Order type" value={form.type} onChange={(e) => onChange({ type: e.target.value as OrderType })}>
        {ORDER_TYPES.map((t) => (
          <option key={t} value={t}>
            {orderTypeLabel(t)}
          </option>
        ))}
      </SelectField>
    </>
  );
}
