/**
 * Drag an open order's price line to propose a new price, with a mouse or a finger. The chart listens to
 * mouse and touch events on its panes; this listens before it (capture on the chart's element), so a press
 * on a line drags the line instead of panning the chart, and a finger on a line does not scroll the page.
 * Keyboard users amend from the orders panel, the same route.
 */
import type { ChartOwnMarks } from './chart-own-marks';

/** How close (px) to a line a mouse press or hover counts as on it. */
const GRAB_PX = 6;
/** A fingertip covers more than a pointer: how close (px) a touch counts as on a line. */
const TOUCH_GRAB_PX = 14;

export interface OrderDrop {
  id: string;
  /** the axis price where the line was let go (a float; the page rounds it to the tick) */
  price: number;
}

interface Drag {
  id: string;
  from: number;
  price: number;
  /** the finger dragging it (Touch.identifier); undefined for the mouse */
  touch?: number;
}

export class OrderLineDrag {
  private dragging: Drag | undefined;
  private readonly cleanups: (() => void)[] = [];

  /**
   * `marks()` is read on every event: the marks object changes with the chart type. `onDrop` gets the
   * line let go at a different price; the line stays there until the page calls `marks().release(id)`.
   */
  constructor(private readonly el: HTMLElement, private readonly marks: () => ChartOwnMarks, private readonly onDrop: (drop: OrderDrop) => void) {
    const capture = { capture: true };
    // not passive: a touch that grabs a line must stop the page from scrolling
    const active = { capture: true, passive: false };
    this.listen(el, 'mousedown', (e) => this.mouseDown(e), capture);
    this.listen(el, 'mousemove', (e) => this.hover(e));
    this.listen(window, 'mousemove', (e) => this.mouseMove(e), capture);
    this.listen(window, 'mouseup', (e) => this.mouseUp(e), capture);
    this.listen(el, 'touchstart', (e) => this.touchStart(e), active);
    this.listen(window, 'touchmove', (e) => this.touchMove(e), active);
    this.listen(window, 'touchend', (e) => this.touchEnd(e, true), capture);
    this.listen(window, 'touchcancel', (e) => this.touchEnd(e, false), capture);
  }

  dispose(): void {
    for (const cleanup of this.cleanups.splice(0)) cleanup();
  }

  private listen<K extends keyof WindowEventMap>(target: HTMLElement | Window, type: K, handler: (e: WindowEventMap[K]) => void, options?: AddEventListenerOptions): void {
    const listener = handler as EventListener;
    target.addEventListener(type, listener, options);
    this.cleanups.push(() => target.removeEventListener(type, listener, options));
  }

  private y(clientY: number): number {
    return clientY - this.el.getBoundingClientRect().top;
  }

  /** Starts dragging the line under `clientY`, if there is one; true when it did. */
  private grab(clientY: number, grabPx: number, touch?: number): boolean {
    const line = this.marks().lineAt(this.y(clientY), grabPx);
    if (!line) return false;
    this.dragging = { id: line.id, from: line.price, price: line.price, touch };
    return true;
  }

  private moveTo(clientY: number): void {
    const drag = this.dragging;
    if (!drag) return;
    const price = this.marks().priceAt(this.y(clientY));
    if (price === undefined || price <= 0) return;
    drag.price = price;
    this.marks().move(drag.id, price);
  }

  /** Lets go: a line moved proposes its new price; one not moved (or a cancelled touch) goes back. */
  private letGo(commit: boolean): void {
    const drag = this.dragging;
    if (!drag) return;
    this.dragging = undefined;
    if (!commit || drag.price === drag.from) this.marks().release(drag.id);
    else this.onDrop({ id: drag.id, price: drag.price });
  }

  private mouseDown(e: MouseEvent): void {
    if (e.button !== 0 || !this.grab(e.clientY, GRAB_PX)) return;
    // the chart never sees this press: no pan starts under the drag
    e.preventDefault();
    e.stopPropagation();
  }

  private mouseMove(e: MouseEvent): void {
    if (!this.dragging || this.dragging.touch !== undefined) return;
    e.preventDefault();
    this.moveTo(e.clientY);
  }

  private mouseUp(e: MouseEvent): void {
    if (!this.dragging || this.dragging.touch !== undefined) return;
    e.preventDefault();
    e.stopPropagation();
    this.letGo(true);
  }

  private touchStart(e: TouchEvent): void {
    // a second finger is a pinch: leave it to the chart
    if (this.dragging || e.touches.length !== 1) return;
    const touch = e.changedTouches[0]!;
    if (!this.grab(touch.clientY, TOUCH_GRAB_PX, touch.identifier)) return;
    // no pan, no page scroll, and no emulated mouse events after it
    e.preventDefault();
    e.stopPropagation();
  }

  private touchMove(e: TouchEvent): void {
    const touch = this.ownTouch(e);
    if (!touch) return;
    e.preventDefault();
    e.stopPropagation();
    this.moveTo(touch.clientY);
  }

  private touchEnd(e: TouchEvent, commit: boolean): void {
    if (!this.ownTouch(e)) return;
    e.preventDefault();
    e.stopPropagation();
    this.letGo(commit);
  }

  /** The changed touch that is dragging a line, if this event has it. */
  private ownTouch(e: TouchEvent): Touch | undefined {
    const id = this.dragging?.touch;
    if (id === undefined) return undefined;
    for (let i = 0; i < e.changedTouches.length; i++) if (e.changedTouches[i]!.identifier === id) return e.changedTouches[i];
    return undefined;
  }

  private hover(e: MouseEvent): void {
    const on = this.dragging !== undefined || (e.buttons === 0 && this.marks().lineAt(this.y(e.clientY), GRAB_PX) !== undefined);
    const cursor = on ? 'ns-resize' : '';
    if (this.el.style.cursor !== cursor) this.el.style.cursor = cursor;
  }
}
