/**
 * Paints one side of the book (depth bars and numbers) on a canvas. The table under it keeps the same rows
 * for clicks, keyboard and screen readers, but rewriting ~150 cells' text on each publish made the browser lay
 * out, pre-paint and paint both tables every time: 29–38 ms of layout alone per publish with the CPU throttled
 * 4× (render bench, Chromium trace), and the frames holding it ran past 50 ms. A canvas repaint of the same
 * numbers costs a few dozen `fillText` calls and no layout at all.
 */
import { formatDecimal } from '@/lib/format';
import type { BookRow } from './book-rows';

/** One column as the table lays it out, in CSS pixels from the canvas's left edge. */
export interface BookColumn {
  /** where the text starts (left aligned) or ends (right aligned) */
  x: number;
  /** the room the text has (the cell's content box) */
  width: number;
  align: 'left' | 'right';
  colour: string;
}

/** Everything about the canvas a paint needs, measured once per size or theme change. */
export interface BookPaintLayout {
  /** CSS pixels */
  width: number;
  height: number;
  font: string;
  /** price, size, total */
  columns: readonly BookColumn[];
  barColour: string;
  barAlpha: number;
}

/** The parts of a 2D context the painter uses (a real `CanvasRenderingContext2D` in the page). */
export interface BookPainter {
  globalAlpha: number;
  fillStyle: string | CanvasGradient | CanvasPattern;
  font: string;
  textAlign: CanvasTextAlign;
  textBaseline: CanvasTextBaseline;
  clearRect(x: number, y: number, w: number, h: number): void;
  fillRect(x: number, y: number, w: number, h: number): void;
  fillText(text: string, x: number, y: number, maxWidth?: number): void;
}

/** The part of the canvas its scroll box shows, in CSS pixels from the canvas's top. */
export interface VisibleBand {
  top: number;
  bottom: number;
}

/**
 * Paints `rows` (top to bottom, one per table row, sharing the height equally as the table's fixed-height
 * rows do): first each row's depth bar from the right edge, then its price, size and total. Rows outside
 * `visible` (the scroll box's view; the whole canvas when not given) are skipped: a deep book shows a fraction
 * of its rows, and the text is most of a paint's cost.
 */
export function paintBookSide(
  ctx: BookPainter,
  layout: BookPaintLayout,
  rows: readonly BookRow[],
  precision: { price: number; qty: number },
  visible: VisibleBand = { top: 0, bottom: layout.height },
): void {
  const { width, height, columns } = layout;
  ctx.clearRect(0, 0, width, height);
  if (rows.length === 0 || width === 0) return;
  const rowHeight = height / rows.length;
  const first = Math.max(0, Math.floor(visible.top / rowHeight));
  const last = Math.min(rows.length - 1, Math.ceil(visible.bottom / rowHeight) - 1);
  ctx.globalAlpha = layout.barAlpha;
  ctx.fillStyle = layout.barColour;
  for (let i = first; i <= last; i++) {
    const barWidth = Math.round(Math.max(0, Math.min(1, rows[i]!.share)) * width);
    const top = Math.round(i * rowHeight);
    if (barWidth > 0) ctx.fillRect(width - barWidth, top, barWidth, Math.round((i + 1) * rowHeight) - top);
  }
  ctx.globalAlpha = 1;
  ctx.font = layout.font;
  ctx.textBaseline = 'middle';
  columns.forEach((column, c) => {
    ctx.fillStyle = column.colour;
    ctx.textAlign = column.align;
    for (let i = first; i <= last; i++) {
      const row = rows[i]!;
      const text = c === 0 ? formatDecimal(row.price, precision.price) : formatDecimal(c === 1 ? row.qty : row.total, precision.qty);
      ctx.fillText(text, column.x, (i + 0.5) * rowHeight, column.width);
    }
  });
}

/**
 * What a scroll box of `viewHeight` shows of content `contentHeight` tall. `reversed`: a column-reverse box
 * (the asks), which opens at the content's end and whose scrollTop runs from 0 there to negative values up.
 */
export function visibleBand(scrollTop: number, viewHeight: number, contentHeight: number, reversed: boolean): VisibleBand {
  const top = reversed ? Math.max(0, contentHeight - viewHeight) + scrollTop : scrollTop;
  return { top: Math.max(0, top), bottom: Math.min(contentHeight, top + viewHeight) };
}

/** A cell's geometry and style as the painter needs it (read from the live table by the canvas component). */
export interface MeasuredCell {
  offsetLeft: number;
  offsetWidth: number;
  paddingLeft: number;
  paddingRight: number;
  textAlign: string;
  colour: string;
}

/** One table cell → where and how its column's numbers are painted. */
export function columnOf(cell: MeasuredCell): BookColumn {
  const align = cell.textAlign === 'right' || cell.textAlign === 'end' ? 'right' : 'left';
  const width = Math.max(0, cell.offsetWidth - cell.paddingLeft - cell.paddingRight);
  const x = align === 'right' ? cell.offsetLeft + cell.offsetWidth - cell.paddingRight : cell.offsetLeft + cell.paddingLeft;
  return { x, width, align, colour: cell.colour };
}
