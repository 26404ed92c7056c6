import { ConnectionIndicator } from '@/components/trade/connection-indicator';

interface Props {
  query: string;
  onQuery: (query: string) => void;
  onlyFavourites: boolean;
  onOnlyFavourites: () => void;
}

/** Search, the favourites-only switch, and the feed's connection state above the markets list. */
export function MarketsToolbar({ query, onQuery, onlyFavourites, onOnlyFavourites }: Props) {
  return (
    <div className="flex flex-wrap items-center gap-3">
      <label className="flex min-w-0 flex-1 basis-56 items-center gap-2 rounded-md border border-border bg-panel px-3 py-2 text-sm sm:max-w-sm">
        <span className="text-muted">Search</span>
        <input
          type="search"
          value={query}
          onChange={(e) => onQuery(e.target.value)}
          placeholder="BTC, ETH/USD…"
          className="w-full min-w-0 bg-transparent outline-none placeholder:text-muted"
        />
      </label>
      <button
        type="button"
        aria-pressed={onlyFavourites}
        onClick={onOnlyFavourites}
        className="rounded-md border border-border bg-panel px-3 py-2 text-sm aria-pressed:border-accent aria-pressed:text-accent"
      >
        ★ Favourites only
      </button>
      <div className="ml-auto">
        <ConnectionIndicator />
      </div>
    </div>
  );
}
