/**
 * Draws the member's open orders (price lines labelled side, size and member) and fills (markers on
 * their bars) on one series of the price chart. Lines are diffed by order id, so a live list that
 * changes one order moves one line instead of redrawing all of them. A line being dragged (or waiting
 * for its amend to be confirmed) stays where the member put it until `release`.
 *
 * The price axis widens to keep order lines near the market in view (`spanWithOrders`). A dragged line
 * counts at its order's price, not where it is held, so the scale never shifts under the pointer.
 */
import { createSeriesMarkers, LineStyle, type AutoscaleInfo, type IPriceLine, type ISeriesApi, type ISeriesMarkersPluginApi, type SeriesType, type Time, type UTCTimestamp } from 'lightweight-charts';
import { spanWithOrders, type FillMarker, type OrderLine } from '@/lib/candles/own-marks';

export interface MarkColors {
  up: string;
  down: string;
}

export class ChartOwnMarks {
  private readonly lines = new Map<string, { line: IPriceLine; key: string }>();
  /** lines held at a dragged price, by order id */
  private readonly moved = new Map<string, number>();
  private readonly markers: ISeriesMarkersPluginApi<Time>;
  private orders: readonly OrderLine[] = [];
  private fills: readonly FillMarker[] = [];

  constructor(private readonly series: ISeriesApi<SeriesType>, private colors: MarkColors) {
    this.markers = createSeriesMarkers(series, []);
    this.rescale();
  }

  /** (Re)installs the provider: applying series options is what makes the chart recompute its axis. */
  private rescale(): void {
    this.series.applyOptions({ autoscaleInfoProvider: (base: () => AutoscaleInfo | null) => this.autoscale(base()) });
  }

  private autoscale(base: AutoscaleInfo | null): AutoscaleInfo | null {
    if (!base?.priceRange) return base;
    return { ...base, priceRange: spanWithOrders(base.priceRange, this.orders.map((o) => o.price)) };
  }

  setOrders(orders: readonly OrderLine[]): void {
    this.orders = orders;
    const seen = new Set<string>();
    let changed = false;
    for (const o of orders) {
      seen.add(o.id);
      const color = o.side === 'buy' ? this.colors.up : this.colors.down;
      const price = this.moved.get(o.id) ?? o.price;
      const key = `${price}|${o.title}|${color}`;
      const held = this.lines.get(o.id);
      if (held?.key === key) continue;
      changed = true;
      const options = { price, color, title: o.title, lineWidth: this.moved.has(o.id) ? 2 : 1, lineStyle: LineStyle.Dashed, axisLabelVisible: true } as const;
      if (held) {
        held.line.applyOptions(options);
        held.key = key;
      } else {
        this.lines.set(o.id, { line: this.series.createPriceLine(options), key });
      }
    }
    for (const [id, held] of this.lines) {
      if (seen.has(id)) continue;
      this.series.removePriceLine(held.line);
      this.lines.delete(id);
      changed = true;
    }
    if (changed) this.rescale();
  }

  /** The draggable line within `tolerance` pixels of `y` (the pane's coordinate), nearest first. */
  lineAt(y: number, tolerance: number): OrderLine | undefined {
    let best: { line: OrderLine; distance: number } | undefined;
    for (const o of this.orders) {
      if (!o.draggable) continue;
      const at = this.series.priceToCoordinate(this.moved.get(o.id) ?? o.price);
      if (at === null) continue;
      const distance = Math.abs(at - y);
      if (distance <= tolerance && (!best || distance < best.distance)) best = { line: o, distance };
    }
    return best?.line;
  }

  /** The price at pane coordinate `y`, or undefined off the scale. */
  priceAt(y: number): number | undefined {
    return this.series.coordinateToPrice(y) ?? undefined;
  }

  /** Holds order `id`'s line at `price` (while dragged and until released). */
  move(id: string, price: number): void {
    this.moved.set(id, price);
    this.setOrders(this.orders);
  }

  /** Lets order `id`'s line follow its order again: back to its price (refused, cancelled) or on to the amended one. */
  release(id: string): void {
    if (!this.moved.delete(id)) return;
    this.setOrders(this.orders);
  }

  setFills(fills: readonly FillMarker[]): void {
    this.fills = fills;
    this.markers.setMarkers(
      fills.map((f) => ({
        time: f.time as UTCTimestamp,
        position: f.side === 'buy' ? 'belowBar' : 'aboveBar',
        shape: f.side === 'buy' ? 'arrowUp' : 'arrowDown',
        color: f.side === 'buy' ? this.colors.up : this.colors.down,
        text: f.text,
      })),
    );
  }

  /** Theme changed: recolour what is drawn. */
  recolor(colors: MarkColors): void {
    this.colors = colors;
    for (const held of this.lines.values()) held.key = '';
    this.setOrders(this.orders);
    this.setFills(this.fills);
  }

  dispose(): void {
    this.series.applyOptions({ autoscaleInfoProvider: undefined });
    for (const held of this.lines.values()) this.series.removePriceLine(held.line);
    this.lines.clear();
    this.markers.detach();
  }
}
