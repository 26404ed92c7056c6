import { formatDecimal } from '@/lib/format';
import type { ValuedBalance } from '@/lib/account-client/valuation';

const COLORS = ['bg-accent', 'bg-up', 'bg-down', 'bg-amber-500', 'bg-sky-500', 'bg-pink-500', 'bg-teal-500', 'bg-muted'];

/**
 * Allocation as a stacked bar plus a labelled list: the bar is decoration (aria-hidden), the list
 * carries the same numbers as text so screen readers and small screens read it fine.
 */
export function AllocationChart({ rows }: { rows: ValuedBalance[] }) {
  const shown = rows.filter((r) => r.share !== undefined && Number(r.share) > 0);
  if (shown.length === 0) return <p className="text-sm text-muted">Nothing to allocate yet.</p>;
  return (
    <figure aria-labelledby="allocation-caption" className="flex flex-col gap-3">
      <figcaption id="allocation-caption" className="text-sm font-semibold">Allocation (USD value)</figcaption>
      <div aria-hidden="true" className="flex h-4 w-full overflow-hidden rounded-full bg-panel-2">
        {shown.map((r, i) => (
          <div key={r.code} className={COLORS[i % COLORS.length]} style={{ width: `${r.share}%` }} />
        ))}
      </div>
      <ul className="grid grid-cols-1 gap-1 text-sm sm:grid-cols-2">
        {shown.map((r, i) => (
          <li key={r.code} className="flex items-center gap-2">
            <span aria-hidden="true" className={`h-3 w-3 shrink-0 rounded-sm ${COLORS[i % COLORS.length]}`} />
            <span className="font-medium">{r.code}</span>
            <span className="ml-auto tabular-nums text-muted">{formatDecimal(r.share, 2)}%</span>
          </li>
        ))}
      </ul>
    </figure>
  );
}
