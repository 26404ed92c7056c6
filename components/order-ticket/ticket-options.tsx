import { CheckboxField, SelectField, TextField } from '@/components/ui/field';
import type { TicketCheck, TicketDraft } from '@/lib/account-client/build';
import { fieldsFor } from '@/lib/account-client/order-types';
import type { TimeInForce } from '@/lib/desk-api/orders';

interface Props {
  form: TicketDraft;
  errors: TicketCheck['errors'];
  showErrors: boolean;
  onChange: (patch: Partial<TicketDraft>) => void;
}

/** Post-only, reduce-only and time in force (with the GTD expiry) where the order type allows them. */
export function TicketOptions({ form, errors, showErrors, onChange }: Props) {
  const f = fieldsFor(form.type);
  return (
    <div className="flex flex-col gap-2">
      <div className="flex flex-wrap gap-x-4 gap-y-1">
        {f.postOnly ? (
          <CheckboxField label="Post-only" checked={form.postOnly} onChange={(e) => onChange({ postOnly: e.target.checked })} />
        ) : null}
        <CheckboxField label="Reduce-only" checked={form.reduceOnly} onChange={(e) => onChange({ reduceOnly: e.target.checked })} />
      </div>
      {f.timeInForce ? (
        <div className="flex flex-col gap-2">
          <SelectField
            label="Time in force"
            value={form.timeInForce}
            error={showErrors ? errors.timeInForce : undefined}
            onChange={(e) => onChange({ timeInForce: e.target.value as TimeInForce })}
          >
            <option value="GTC">GTC — until cancelled</option>
            <option value="IOC">IOC — fill now or cancel</option>
            <option value="GTD">GTD — until a time</option>
          </SelectField>
          {form.timeInForce === 'GTD' ? (
            <TextField
              label="Expires at"
              type="datetime-local"
              value={form.expireAt}
              error={showErrors ? errors.expireAt : undefined}
              onChange={(e) => onChange({ expireAt: e.target.value })}
            />
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
