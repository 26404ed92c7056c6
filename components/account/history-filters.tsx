import { SelectField, TextField } from '@/components/ui/field';
import type { HistoryFilters, HistoryKind } from '@/lib/account-client/history';

/** Pair (ledger: asset), side and date range for the history tables; ledger rows have no side. */
export function HistoryFilterBar({ kind, value, onChange }: { kind: HistoryKind; value: HistoryFilters; onChange: (next: HistoryFilters) => void }) {
  return (
    <div className="grid grid-cols-2 gap-2 sm:grid-cols-4">
      <TextField label={kind === 'ledger' ? 'Asset' : 'Pair'} placeholder={kind === 'ledger' ? 'BTC' : 'BTC/USD'} value={value.symbol} onChange={(e) => onChange({ ...value, symbol: e.target.value })} />
      <SelectField label="Side" disabled={kind === 'ledger'} value={value.side} onChange={(e) => onChange({ ...value, side: e.target.value as HistoryFilters['side'] })}>
        <option value="">Both</option>
        <option value="buy">Buy</option>
        <option value="sell">Sell</option>
      </SelectField>
      <TextField label="From" type="date" value={value.from} onChange={(e) => onChange({ ...value, from: e.target.value })} />
      <TextField label="To" type="date" value={value.to} onChange={(e) => onChange({ ...value, to: e.target.value })} />
    </div>
  );
}
