import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/field';
import type { TicketDraft } from '@/lib/account-client/build';
import type { TicketPair } from '@/lib/account-client/types';

interface Props {
  form: TicketDraft;
  pair: TicketPair;
  error: string | undefined;
  /** the base quantity when sized in quote, shown as a hint */
  baseVolume: string | null;
  /** false when the balance or price needed for a percentage is not known yet */
  percentReady: boolean;
  onChange: (patch: Partial<TicketDraft>) => void;
  onBlur: () => void;
  onPercent: (pct: number) => void;
}

const PERCENTS = [25, 50, 75, 100] as const;

/** Order size in base or quote, with 25/50/75/100 % of the free balance. */
export function TicketSizeField({ form, pair, error, baseVolume, percentReady, onChange, onBlur, onPercent }: Props) {
  const unit = form.sizeUnit === 'base' ? pair.base : pair.quote;
  return (
    <div className="flex flex-col gap-1">
      <div className="flex items-end gap-2">
        <TextField
          className="flex-1"
          label={`Size (${unit})`}
          name="size"
          inputMode="decimal"
          autoComplete="off"
          value={form.size}
          error={error}
          hint={form.sizeUnit === 'quote' && baseVolume ? `≈ ${baseVolume} ${pair.base}` : form.sizeUnit === 'base' && pair.ordermin ? `Minimum ${pair.ordermin} ${pair.base}` : undefined}
          onChange={(e) => onChange({ size: e.target.value })}
          onBlur={onBlur}
        />
        <div role="group" aria-label="Enter size in" className="mb-[1px] flex shrink-0 self-start pt-5">
          {(['base', 'quote'] as const).map((u) => (
            <Button
              key={u}
              size="sm"
              variant={form.sizeUnit === u ? 'primary' : 'secondary'}
              aria-pressed={form.sizeUnit === u}
              onClick={() => onChange({ sizeUnit: u, size: '' })}
            >
              {u === 'base' ? pair.base : pair.quote}
            </Button>
          ))}
        </div>
      </div>
      <div role="group" aria-label="Percent of balance" className="grid grid-cols-4 gap-1">
        {PERCENTS.map((p) => (
          <Button key={p} size="sm" disabled={!percentReady} onClick={() => onPercent(p)} aria-label={`${p}% of available balance`}>
            {p}%
          </Button>
        ))}
      </div>
    </div>
  );
}
