import { TextField, CheckboxField } from '@/components/ui/field';
import type { TicketCheck, TicketDraft } from '@/lib/account-client/build';
import { fieldsFor } from '@/lib/account-client/order-types';
import type { TicketPair } from '@/lib/account-client/types';

interface Props {
  form: TicketDraft;
  pair: TicketPair;
  errors: TicketCheck['errors'];
  /** show errors only for fields the member has left or after a submit attempt */
  shown: (field: 'price' | 'price2' | 'displayVolume') => boolean;
  onChange: (patch: Partial<TicketDraft>) => void;
  onBlur: (field: 'price' | 'price2' | 'displayVolume') => void;
}

const DECIMAL_INPUT = { inputMode: 'decimal' as const, autoComplete: 'off', spellCheck: false };

/** The inputs an order type needs: limit/trigger price, second price or trailing offsets, iceberg's visible size. */
export function TicketPriceFields({ form, pair, errors, shown, onChange, onBlur }: Props) {
  const f = fieldsFor(form.type);
  const offsetUnit = form.offsetPercent ? '%' : pair.quote;
  const priceLabel = f.price === 'limit' ? 'Limit price' : f.price === 'trigger' ? 'Trigger price' : 'Trailing offset';
  return (
    <>
      {f.price !== 'none' ? (
        <TextField
          {...DECIMAL_INPUT}
          label={priceLabel}
          name="price"
          value={form.price}
          suffix={f.price === 'offset' ? offsetUnit : pair.quote}
          hint={f.price === 'limit' || f.price === 'trigger' ? `Tick size ${pair.tickSize}` : 'Distance from the last trade'}
          error={shown('price') ? errors.price : undefined}
          onChange={(e) => onChange({ price: e.target.value })}
          onBlur={() => onBlur('price')}
        />
      ) : null}
      {f.price2 !== 'none' ? (
        <TextField
          {...DECIMAL_INPUT}
          label={f.price2 === 'limit' ? 'Limit price' : 'Limit offset from trigger'}
          name="price2"
          value={form.price2}
          suffix={f.price2 === 'offset' ? offsetUnit : pair.quote}
          error={shown('price2') ? errors.price2 : undefined}
          onChange={(e) => onChange({ price2: e.target.value })}
          onBlur={() => onBlur('price2')}
        />
      ) : null}
      {f.price === 'offset' ? (
        <CheckboxField label="Offsets in percent" checked={form.offsetPercent} onChange={(e) => onChange({ offsetPercent: e.target.checked })} />
      ) : null}
      {f.displayVolume ? (
        <TextField
          {...DECIMAL_INPUT}
          label="Visible size"
          name="displayVolume"
          value={form.displayVolume}
          suffix={pair.base}
          hint="At least 1/15 of the order size"
          error={shown('displayVolume') ? errors.displayVolume : undefined}
          onChange={(e) => onChange({ displayVolume: e.target.value })}
          onBlur={() => onBlur('displayVolume')}
        />
      ) : null}
    </>
  );
}
