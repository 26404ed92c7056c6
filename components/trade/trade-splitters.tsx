'use client';

import { CHART_PCT, SIDE_WIDTH } from '@/lib/settings/member-ui-basics';
import { Splitter } from './splitter';

/** The height above the trade page's grid that the chart's share is not taken from (header, ticker). */
const CHROME_PX = 160;

interface SplitterProps {
  value: number;
  onPreview: (value: number) => void;
  onCommit: (value: number) => void;
}

/**
 * Between the chart column and the book/ticket column (wide screens only): dragging or ArrowLeft widens
 * the book and ticket, ArrowRight gives the chart more room.
 */
export function SideWidthSplitter(props: SplitterProps) {
  return (
    <Splitter
      {...props}
      label="Book and ticket width"
      orientation="vertical"
      range={{ min: SIDE_WIDTH.min, max: SIDE_WIDTH.max, step: 16 }}
      increase={['ArrowLeft', 'ArrowUp']}
      fromDrag={(start, dx) => start - dx}
      valueText={(v) => `${v} pixels`}
      className="absolute inset-y-0 -right-[11px] z-10 hidden w-2.5 lg:block"
    />
  );
}

/** Between the chart and the orders panel (wide screens only): ArrowDown makes the chart taller. */
export function ChartHeightSplitter(props: SplitterProps) {
  return (
    <Splitter
      {...props}
      label="Chart height"
      orientation="horizontal"
      range={{ min: CHART_PCT.min, max: CHART_PCT.max, step: 2 }}
      increase={['ArrowDown', 'ArrowRight']}
      fromDrag={(start, _dx, dy) => start + (dy / Math.max(1, window.innerHeight - CHROME_PX)) * 100}
      valueText={(v) => `${v} percent of the window`}
      className="-my-[11px] hidden h-2.5 lg:flex"
    />
  );
}
