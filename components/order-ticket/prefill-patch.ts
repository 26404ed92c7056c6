import type { TicketDraft } from '@/lib/account-client/build';
import { fieldsFor } from '@/lib/account-client/order-types';
import type { TicketPrefill } from './ticket-prefill';

/**
 * The ticket change a click on the book or tape asks for: the clicked price becomes the limit (or
 * trigger) price — an order type without a price turns into a limit order, since a clicked price
 * means "at this price" — and a Shift+click size becomes the base size.
 */
export function prefillPatch(form: TicketDraft, fill: TicketPrefill): Partial<TicketDraft> {
  const side = fill.side ? { side: fill.side } : {};
  if (fill.price === undefined) return side;
  const f = fieldsFor(form.type);
  const patch: Partial<TicketDraft> = f.price === 'limit' || f.price === 'trigger' ? { price: fill.price } : { type: 'limit', price: fill.price };
  return { ...side, ...patch, ...(fill.size ? { size: fill.size, sizeUnit: 'base' as const } : {}) };
}
