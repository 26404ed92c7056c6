/**
 * Writes book rows into the table rows React rendered once, in two parts:
 * - the raw values a click reads (`data-price`, `data-size`) on every publish, so a click always takes the
 *   level the canvas shows (attribute writes no stylesheet selects on cost no style or layout work);
 * - the visible-to-assistive-technology text at a slower pace (book-side.tsx), since every changed cell's
 *   text costs the table a relayout. The numbers people see are painted on a canvas (book-paint.ts).
 * Both write only what changed, so an unchanged row costs nothing.
 */
import { formatDecimal } from '@/lib/format';
import { setText, type TextTarget } from '@/components/ui/set-text';
import type { BookRow } from './book-rows';

/** The parts of a DOM table row the writers touch (a real `HTMLTableRowElement` in the page). */
export interface RowTarget {
  readonly cells: ArrayLike<TextTarget>;
  readonly dataset: Record<string, string | undefined>;
}

/** What a row's cells say now: the raw values and the precisions they were formatted with. */
interface ShownText {
  price: string;
  qty: string;
  total: string;
  pricePrecision: number;
  qtyPrecision: number;
}

const textIn = new WeakMap<RowTarget, ShownText>();

/**
 * Writes `rows[i]`'s raw price and cumulative size into `targets[i]`'s dataset (extra targets or rows are
 * left alone: React adds and removes rows). Returns how many attributes were written.
 */
export function writeBookData(targets: ArrayLike<RowTarget>, rows: readonly BookRow[]): number {
  let written = 0;
  const count = Math.min(targets.length, rows.length);
  for (let i = 0; i < count; i++) {
    const { dataset } = targets[i]!;
    const row = rows[i]!;
    if (dataset.price !== row.price) {
      dataset.price = row.price;
      written++;
    }
    if (dataset.size !== row.total) {
      dataset.size = row.total;
      written++;
    }
  }
  return written;
}

/**
 * Writes `rows[i]`'s formatted numbers into `targets[i]`'s three cells. Returns how many cells were written,
 * so tests can see that unchanged rows cost nothing.
 */
export function writeBookText(targets: ArrayLike<RowTarget>, rows: readonly BookRow[], pricePrecision: number, qtyPrecision: number): number {
  let written = 0;
  const count = Math.min(targets.length, rows.length);
  for (let i = 0; i < count; i++) written += writeRowText(targets[i]!, rows[i]!, pricePrecision, qtyPrecision);
  return written;
}

function write(cell: TextTarget | undefined, text: string): void {
  if (cell) setText(cell, text);
}

function writeRowText(target: RowTarget, row: BookRow, pricePrecision: number, qtyPrecision: number): number {
  const before = textIn.get(target);
  const samePrice = before?.pricePrecision === pricePrecision;
  const sameQty = before?.qtyPrecision === qtyPrecision;
  let written = 0;
  if (!samePrice || before.price !== row.price) {
    write(target.cells[0], formatDecimal(row.price, pricePrecision));
    written++;
  }
  if (!sameQty || before.qty !== row.qty) {
    write(target.cells[1], formatDecimal(row.qty, qtyPrecision));
    written++;
  }
  if (!sameQty || before.total !== row.total) {
    write(target.cells[2], formatDecimal(row.total, qtyPrecision));
    written++;
  }
  textIn.set(target, { price: row.price, qty: row.qty, total: row.total, pricePrecision, qtyPrecision });
  return written;
}
