import type { Sink } from '../connection';
import type { Frame } from '../frames';
import { ModelBook } from './book-model';

/**
 * A sink that behaves like a careful browser: it keeps every book it is sent, verifies each frame's
 * checksum, and remembers when each symbol last became valid (a snapshot that verified).
 */
export class MirrorSink implements Sink {
  readonly books = new Map<string, ModelBook>();
  /** symbol → performance.now() of the last verified snapshot */
  readonly validSince = new Map<string, number>();
  readonly mismatches: string[] = [];
  readonly statuses: string[] = [];
  /** performance.now() of each status, parallel to `statuses` */
  readonly statusTimes: number[] = [];
  readonly counts = { frames: 0, bookUpdates: 0, bookSnapshots: 0 };
  closedWith: number | undefined;

  constructor(readonly memberId?: number) {}

  send(frame: Frame): void {
    this.counts.frames++;
    const m = JSON.parse(frame.toString('utf8')) as Record<string, unknown>;
    if (m.type === 'status') {
      this.statuses.push(m.symbol ? `${String(m.feed)}:${String(m.symbol)}` : String(m.feed));
      this.statusTimes.push(performance.now());
      if (m.symbol) this.validSince.delete(String(m.symbol));
      else if (m.feed !== 'live') this.validSince.clear();
      return;
    }
    if (m.channel !== 'book') return;
    const symbol = String(m.symbol);
    const data = m.data as { asks: [string, string][]; bids: [string, string][]; checksum: number };
    let book = this.books.get(symbol);
    if (m.type === 'snapshot' || !book) {
      book = new ModelBook(Number(m.depth));
      this.books.set(symbol, book);
    }
    book.apply(data.asks, data.bids);
    const ok = book.checksum() === data.checksum;
    if (m.type === 'snapshot') {
      this.counts.bookSnapshots++;
      if (ok) this.validSince.set(symbol, performance.now());
    } else this.counts.bookUpdates++;
    if (!ok) {
      this.mismatches.push(`${symbol} ${String(m.type)}`);
      this.validSince.delete(symbol);
    }
  }

  bufferedBytes(): number {
    return 0;
  }

  close(code: number): void {
    this.closedWith = code;
  }
}
