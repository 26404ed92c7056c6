/**
 * Writes book rows straight into table rows React rendered once. A busy book changes most rows' cumulative
 * totals on every publish; letting React re-render and diff ~50 rows ten times a second cost the trade page
 * about a quarter of its main thread with the CPU throttled 4× (render bench, Chromium trace). Here a publish
 * costs only the text and attribute writes whose values changed.
 */
import { formatDecimal } from '@/lib/format';
import { setText, type TextTarget } from '@/components/ui/set-text';
import type { BookRow } from './book-rows';

/** The parts of a DOM table row the writer touches (a real `HTMLTableRowElement` in the page). */
export interface RowTarget {
  readonly cells: ArrayLike<TextTarget>;
  readonly dataset: Record<string, string | undefined>;
}

/** What a row shows now: the raw values and the precisions they were formatted with. */
interface Shown {
  price: string;
  qty: string;
  total: string;
  pricePrecision: number;
  qtyPrecision: number;
}

const shownIn = new WeakMap<RowTarget, Shown>();

/**
 * Writes `rows[i]` into `targets[i]` (extra targets or rows are left alone: React adds and removes rows).
 * Returns how many cells were written, so tests can see that unchanged rows cost nothing.
 */
export function writeBookRows(targets: ArrayLike<RowTarget>, rows: readonly BookRow[], pricePrecision: number, qtyPrecision: number): number {
  let written = 0;
  const count = Math.min(targets.length, rows.length);
  for (let i = 0; i < count; i++) written += writeRow(targets[i]!, rows[i]!, pricePrecision, qtyPrecision);
  return written;
}

function write(cell: TextTarget | undefined, text: string): void {
  if (cell) setText(cell, text);
}

function writeRow(target: RowTarget, row: BookRow, pricePrecision: number, qtyPrecision: number): number {
  const before = shownIn.get(target);
  const samePrice = before?.pricePrecision === pricePrecision;
  const sameQty = before?.qtyPrecision === qtyPrecision;
  let written = 0;
  if (!samePrice || before.price !== row.price) {
    write(target.cells[0], formatDecimal(row.price, pricePrecision));
    // the click handler reads the raw values (a click means "this price"; shift adds "this total")
    target.dataset.price = row.price;
    written++;
  }
  if (!sameQty || before.qty !== row.qty) {
    write(target.cells[1], formatDecimal(row.qty, qtyPrecision));
    written++;
  }
  if (!sameQty || before.total !== row.total) {
    write(target.cells[2], formatDecimal(row.total, qtyPrecision));
    target.dataset.size = row.total;
    written++;
  }
  shownIn.set(target, { price: row.price, qty: row.qty, total: row.total, pricePrecision, qtyPrecision });
  return written;
}
