/**
 * Keeps the hub's book of each recently previewed or traded symbol at the preview's depth, so the next preview or
 * placement on it reads the live book instead of asking Kraken's REST Depth first. Without it a symbol's book was
 * deep enough only while some browser watched it at 500 levels (the trade page shows far fewer), and every order more
 * than a second after the last paid a public Depth call before its AddOrder: on Kraken, a second round trip.
 *
 * Each symbol is kept for `keepMs` after its last use, at most `maxSymbols` at once (the least recently used is let go
 * first). Per process: each instance keeps the books its own members use.
 */

/** Keeps a symbol's book at `depth` levels or deeper until the returned undo is called. */
export type HoldBook = (symbol: string, depth: number) => () => void;

export interface BookKeeperOptions {
  depth: number;
  /** how long a symbol's book is kept after its last preview or placement */
  keepMs?: number;
  maxSymbols?: number;
}

export const BOOK_KEEP_MS = 15 * 60_000;
export const BOOK_KEEP_MAX_SYMBOLS = 20;

export class BookKeeper {
  /** held symbols, least recently used first (Map keeps insertion order) */
  private readonly held = new Map<string, { release: () => void; timer: ReturnType<typeof setTimeout> }>();
  private readonly keepMs: number;
  private readonly maxSymbols: number;

  constructor(private readonly hold: HoldBook, private readonly options: BookKeeperOptions) {
    this.keepMs = options.keepMs ?? BOOK_KEEP_MS;
    this.maxSymbols = options.maxSymbols ?? BOOK_KEEP_MAX_SYMBOLS;
  }

  /** `symbol`'s book is wanted now: keep it (or start keeping it) for `keepMs` more. */
  touch(symbol: string): void {
    const entry = this.held.get(symbol);
    if (entry) {
      clearTimeout(entry.timer);
      this.held.delete(symbol);
    }
    const release = entry?.release ?? this.hold(symbol, this.options.depth);
    const timer = setTimeout(() => this.letGo(symbol), this.keepMs);
    timer.unref();
    this.held.set(symbol, { release, timer });
    for (const oldest of this.held.keys()) {
      if (this.held.size <= this.maxSymbols) break;
      this.letGo(oldest);
    }
  }

  /** The symbols kept now, least recently used first. */
  symbols(): string[] {
    return [...this.held.keys()];
  }

  close(): void {
    for (const symbol of [...this.held.keys()]) this.letGo(symbol);
  }

  private letGo(symbol: string): void {
    const entry = this.held.get(symbol);
    if (!entry) return;
    clearTimeout(entry.timer);
    this.held.delete(symbol);
    entry.release();
  }
}
