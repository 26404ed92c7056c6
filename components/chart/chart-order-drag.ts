/**
 * Drag an open order's price line to propose a new price. Mouse only: the chart listens to mouse events,
 * and this listens before it (capture on the chart's element), so a press on a line drags the line
 * instead of panning the chart. Touch and keyboard users amend from the orders panel, the same route.
 */
import type { ChartOwnMarks } from './chart-own-marks';

/** How close (px) to a line a press or hover counts as on it. */
const GRAB_PX = 6;

export interface OrderDrop {
  id: string;
  /** the axis price where the line was let go (a float; the page rounds it to the tick) */
  price: number;
}

export class OrderLineDrag {
  private dragging: { id: string; from: number; price: number } | undefined;
  private readonly cleanups: (() => void)[] = [];

  /**
   * `marks()` is read on every event: the marks object changes with the chart type. `onDrop` gets the
   * line let go at a different price; the line stays there until the page calls `marks().release(id)`.
   */
  constructor(private readonly el: HTMLElement, private readonly marks: () => ChartOwnMarks, private readonly onDrop: (drop: OrderDrop) => void) {
    const down = (e: MouseEvent) => this.down(e);
    const hover = (e: MouseEvent) => this.hover(e);
    const move = (e: MouseEvent) => this.move(e);
    const up = (e: MouseEvent) => this.up(e);
    el.addEventListener('mousedown', down, { capture: true });
    el.addEventListener('mousemove', hover);
    window.addEventListener('mousemove', move, { capture: true });
    window.addEventListener('mouseup', up, { capture: true });
    this.cleanups.push(
      () => el.removeEventListener('mousedown', down, { capture: true }),
      () => el.removeEventListener('mousemove', hover),
      () => window.removeEventListener('mousemove', move, { capture: true }),
      () => window.removeEventListener('mouseup', up, { capture: true }),
    );
  }

  dispose(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private y(e: MouseEvent): number {
    return e.clientY - this.el.getBoundingClientRect().top;
  }

  private down(e: MouseEvent): void {
    if (e.button !== 0) return;
    const line = this.marks().lineAt(this.y(e), GRAB_PX);
    if (!line) return;
    // the chart never sees this press: no pan starts under the drag
    e.preventDefault();
    e.stopPropagation();
    this.dragging = { id: line.id, from: line.price, price: line.price };
  }

  private move(e: MouseEvent): void {
    if (!this.dragging) return;
    e.preventDefault();
    const price = this.marks().priceAt(this.y(e));
    if (price === undefined || price <= 0) return;
    this.dragging.price = price;
    this.marks().move(this.dragging.id, price);
  }

  private up(e: MouseEvent): void {
    const drag = this.dragging;
    if (!drag) return;
    this.dragging = undefined;
    e.preventDefault();
    e.stopPropagation();
    if (drag.price === drag.from) this.marks().release(drag.id);
    else this.onDrop({ id: drag.id, price: drag.price });
  }

  private hover(e: MouseEvent): void {
    const on = this.dragging !== undefined || (e.buttons === 0 && this.marks().lineAt(this.y(e), GRAB_PX) !== undefined);
    const cursor = on ? 'ns-resize' : '';
    if (this.el.style.cursor !== cursor) this.el.style.cursor = cursor;
  }
}
