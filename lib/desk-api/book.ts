import type { TextLevel } from '../kraken/checksum';

/**
 * An order book's best levels, decimal text with the pair's precision: what the order preview walks
 * (lib/orders/impact.ts), what the hub lends the Next side (BookSnapshot) and what the browser's book store
 * publishes (lib/feed/book-store.ts BookPicture adds its feed details).
 */
export interface BookView {
  /** ascending from the best ask */
  readonly asks: readonly TextLevel[];
  /** descending from the best bid */
  readonly bids: readonly TextLevel[];
}
