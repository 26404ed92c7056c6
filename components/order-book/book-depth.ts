/**
 * How deep a book to subscribe so the grouped view still shows the member's chosen rows a side. Grouping
 * 10× the tick folds several levels into each row, so a 25-level subscription may draw only 8 rows;
 * Kraken offers 10, 25, 100, 500 and 1000 levels, and the desk picks the smallest that covers the rows,
 * judged from the book it has (how many levels each grouped row took), with headroom and hysteresis so a
 * book breathing around a boundary does not resubscribe back and forth.
 */
import { BOOK_DEPTHS } from '@/lib/protocol-basics';
import type { BookDepth } from '@/lib/kraken/ws-subscriptions';

/** One side of the book as grouped now. */
export interface SideSample {
  /** raw levels the side has at the subscribed depth */
  levels: number;
  /** grouped rows those levels make */
  rows: number;
  /** raw levels inside the first `wanted` grouped rows (all of them when there are fewer rows) */
  levelsForRows: number;
}

export interface DepthInput {
  /** the member's "Depth" setting: rows a side wanted, and the shallowest book subscribed */
  wanted: BookDepth;
  /** the most rows a side the view draws (a 1000-deep choice still draws fewer) */
  maxRows?: number;
  /** grouping as a multiple of the tick */
  multiplier: number;
  /** the depth subscribed now */
  current: BookDepth;
  /** both sides as grouped at `current`; absent while the book loads */
  sides?: readonly SideSample[];
}

export interface DepthChoice {
  /** the depth to subscribe */
  depth: BookDepth;
  /** rows a side the view can show when no deeper book would give more, else undefined */
  shortOf?: number;
}

/** Keep this much spare: a grouped row's level count changes as the book moves. */
const HEADROOM = 1.25;
/** Shrink only when a smaller subscription would still cover twice what is needed. */
const SHRINK_MARGIN = 2;

const MAX_DEPTH = BOOK_DEPTHS[BOOK_DEPTHS.length - 1]!;

/** Smallest Kraken depth holding at least `levels` levels (the deepest when none does). */
export function depthAtLeast(levels: number): BookDepth {
  return BOOK_DEPTHS.find((d) => d >= levels) ?? MAX_DEPTH;
}

/** Raw levels a side needs for `wanted` grouped rows, from how many levels its rows took so far. */
export function levelsNeeded(side: SideSample, wanted: number): number {
  if (side.rows >= wanted) return side.levelsForRows;
  if (side.rows === 0) return wanted;
  return Math.ceil((wanted * side.levels) / side.rows);
}

/**
 * The depth to subscribe. Ungrouped, it is the member's choice. Grouped, it grows to cover the rows a
 * side, shrinks only with a wide margin, and, when the book cannot give more (1000 levels, or a side
 * thinner than what is subscribed), says how many rows a side the view can show.
 */
export function chooseBookDepth({ wanted, maxRows = Infinity, multiplier, current, sides }: DepthInput): DepthChoice {
  if (multiplier <= 1) return { depth: wanted };
  const rows = Math.min(wanted, maxRows);
  if (!sides || sides.length === 0) return { depth: Math.max(current, wanted) as BookDepth };
  // a side with fewer levels than subscribed has shown all it has: a deeper book adds nothing to it
  const thin = (s: SideSample) => s.levels < current;
  const needed = Math.max(...sides.map((s) => (thin(s) ? Math.min(s.levels, levelsNeeded(s, rows)) : levelsNeeded(s, rows))));
  const target = Math.max(wanted, depthAtLeast(Math.ceil(needed * HEADROOM))) as BookDepth;
  const roomy = Math.max(wanted, depthAtLeast(Math.ceil(needed * SHRINK_MARGIN))) as BookDepth;
  const depth = target > current ? target : roomy < current ? target : current;
  const shown = Math.min(rows, ...sides.map((s) => s.rows));
  // more levels cannot help: all 1000 are in, or a side has fewer levels than the subscription allows
  const exhausted = current === MAX_DEPTH || sides.some((s) => s.rows < rows && thin(s));
  return shown < rows && depth === current && exhausted ? { depth, shortOf: shown } : { depth };
}
