import Link from 'next/link';
import { formatCompact, formatDecimal, formatPct, signOf } from '@/lib/format';
import type { LiveMarketRow } from '@/lib/markets/live-rows';
import { useHydrated } from '@/lib/hooks/use-hydrated';
import { Sparkline } from './sparkline';

/** One market: favourite star, name linking to its trade page, live figures, and the 24 h sparkline. */
export function MarketTableRow({ row: r, favourite, onToggleFavourite }: { row: LiveMarketRow; favourite: boolean; onToggleFavourite: () => void }) {
  const trend = signOf(r.changePct);
  const hydrated = useHydrated();
  return (
    <tr
      className={`border-b border-border/60 last:border-0 hover:bg-panel-2 ${r.live === 'stale' ? 'opacity-60' : ''}`}
      title={r.live === 'stale' ? 'Not live: showing the last known figures' : undefined}
    >
      <td className="px-2 py-2 text-center">
        <button
          type="button"
          aria-pressed={favourite}
          aria-label={`Favourite ${r.symbol}`}
          onClick={onToggleFavourite}
          disabled={!hydrated}
          className="text-muted hover:text-accent disabled:cursor-wait aria-pressed:text-accent"
        >
          {favourite ? '★' : '☆'}
        </button>
      </td>
      <th scope="row" className="px-3 py-2 text-left font-medium">
        <Link href={`/trade/${r.slug}`} className="hover:text-accent">
          {r.base}
          <span className="text-muted">/{r.quote}</span>
        </Link>
      </th>
      <td className="px-3 py-2 text-right">{formatDecimal(r.last, r.pricePrecision)}</td>
      <td className={`px-3 py-2 text-right ${trend > 0 ? 'text-up' : trend < 0 ? 'text-down' : 'text-muted'}`}>
        {formatPct(r.changePct)}
      </td>
      <td className="hidden px-3 py-2 text-right md:table-cell">{formatDecimal(r.high, r.pricePrecision)}</td>
      <td className="hidden px-3 py-2 text-right md:table-cell">{formatDecimal(r.low, r.pricePrecision)}</td>
      <td className="hidden px-3 py-2 text-right sm:table-cell">${formatCompact(r.quoteVolume, 0)}</td>
      <td className="hidden px-3 py-1 text-right lg:table-cell">
        <Sparkline symbol={r.symbol} trend={trend} />
      </td>
    </tr>
  );
}
