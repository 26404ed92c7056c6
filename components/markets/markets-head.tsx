import type { MarketSortKey } from '@/lib/markets/market-row';

export const MARKET_COLUMNS: { key: MarketSortKey; label: string; numeric: boolean; className?: string }[] = [
  { key: 'symbol', label: 'Market', numeric: false },
  { key: 'last', label: 'Last price', numeric: true },
  { key: 'changePct', label: '24h change', numeric: true },
  { key: 'high', label: '24h high', numeric: true, className: 'hidden md:table-cell' },
  { key: 'low', label: '24h low', numeric: true, className: 'hidden md:table-cell' },
  { key: 'quoteVolume', label: '24h volume', numeric: true, className: 'hidden sm:table-cell' },
];

/** The column headers; each sortable one is a button that says which way it sorts (aria-sort). */
export function MarketsHead({ sort, onSort }: { sort: { key: MarketSortKey; direction: 'asc' | 'desc' }; onSort: (key: MarketSortKey) => void }) {
  return (
    <thead className="border-b border-border text-xs text-muted">
      <tr>
        <th scope="col" className="w-8 px-2 py-2">
          <span className="sr-only">Favourite</span>
        </th>
        {MARKET_COLUMNS.map((c) => (
          <th
            key={c.key}
            scope="col"
            className={`px-3 py-2 font-medium ${c.numeric ? 'text-right' : 'text-left'} ${c.className ?? ''}`}
            aria-sort={sort.key === c.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
          >
            <button type="button" onClick={() => onSort(c.key)} className="inline-flex items-center gap-1 hover:text-text">
              {c.label}
              <span aria-hidden="true">{sort.key === c.key ? (sort.direction === 'asc' ? '▲' : '▼') : ''}</span>
            </button>
          </th>
        ))}
        <th scope="col" className="hidden px-3 py-2 text-right font-medium lg:table-cell">
          24h
        </th>
      </tr>
    </thead>
  );
}
