'use client';

import { useEffect, useRef, useState } from 'react';
import { fetchOhlcPage } from '@/lib/candles/ohlc-client';
import type { OhlcIntervalMinutes } from '@/lib/candles/ohlc-response';
import { EMA_PERIOD, SMA_PERIOD } from '@/lib/candles/indicators';
import { subscribeCandles } from '@/lib/feed/stores';
import { ChartLegend, writeLegend } from './chart-legend';
import { ChartToolbar, type Overlays } from './chart-toolbar';
import type { HistoryStatus, PriceChartController, SubscribeLive } from './price-chart-controller';

export interface PriceChartProps {
  /** WS v2 symbol, e.g. `BTC/USD` */
  symbol: string;
  /** the pair's price decimals (legend and price axis) */
  pricePrecision: number;
  /** the pair's quantity decimals (volume in the legend) */
  qtyPrecision: number;
  /** minutes; default 60 */
  initialInterval?: OhlcIntervalMinutes;
  /** told when the member picks an interval (to remember it) */
  onIntervalChange?: (minutes: OhlcIntervalMinutes) => void;
  /** live candles; defaults to the tab's feed (`subscribeCandles` from lib/feed/stores) */
  subscribeLive?: SubscribeLive;
  className?: string;
}

const INITIAL_STATUS: HistoryStatus = { phase: 'loading', loadingOlder: false, complete: false };

/**
 * Candlesticks with volume, SMA/EMA overlays and an OHLCV legend. History comes from `/api/ohlc`
 * (older pages as the member scrolls left), the running candle from the live feed. The chart instance lives
 * in PriceChartController for the component's whole mount; changing interval or symbol reloads its data.
 * The controller (and lightweight-charts, about a fifth of the page's JavaScript) is loaded after the page
 * is up, so the book, tape and ticket are live before the chart library has arrived.
 */
export function PriceChart({ symbol, pricePrecision, qtyPrecision, initialInterval = 60, onIntervalChange, subscribeLive, className = '' }: PriceChartProps) {
  const containerRef = useRef<HTMLDivElement>(null);
  const legendRef = useRef<HTMLDListElement>(null);
  const controllerRef = useRef<PriceChartController | null>(null);
  const precisionRef = useRef({ price: pricePrecision, qty: qtyPrecision });
  const subscribeRef = useRef<SubscribeLive>(subscribeLive ?? subscribeCandles);
  const [interval, setChartInterval] = useState<OhlcIntervalMinutes>(initialInterval);
  const [overlays, setOverlays] = useState<Overlays>({ sma: false, ema: false });
  const [status, setStatus] = useState<HistoryStatus>(INITIAL_STATUS);

  const wantedRef = useRef({ symbol, interval, overlays, pricePrecision });

  useEffect(() => {
    precisionRef.current = { price: pricePrecision, qty: qtyPrecision };
    subscribeRef.current = subscribeLive ?? subscribeCandles;
    wantedRef.current = { symbol, interval, overlays, pricePrecision };
  });

  useEffect(() => {
    const el = containerRef.current;
    if (!el) return;
    let disposed = false;
    void import('./price-chart-controller').then(
      ({ PriceChartController }) => {
        if (disposed) return;
        const controller = new PriceChartController(el, {
          subscribeLive: (s, i, listener) => subscribeRef.current(s, i, listener),
          fetchPage: (request) => fetchOhlcPage(request),
          onLegend: (candle) => writeLegend(legendRef.current, candle, precisionRef.current),
          onStatus: setStatus,
        });
        controllerRef.current = controller;
        // whatever the member picked while the library loaded
        const wanted = wantedRef.current;
        controller.setPrecision(wanted.pricePrecision);
        controller.setIndicators(wanted.overlays);
        controller.show(wanted.symbol, wanted.interval);
      },
      () => {
        if (!disposed) setStatus({ phase: 'error', message: 'The chart could not load. Check your connection and reload.', loadingOlder: false, complete: false });
      },
    );
    return () => {
      disposed = true;
      controllerRef.current?.dispose();
      controllerRef.current = null;
    };
  }, []);

  useEffect(() => controllerRef.current?.setPrecision(pricePrecision), [pricePrecision]);
  useEffect(() => controllerRef.current?.show(symbol, interval), [symbol, interval]);
  useEffect(() => controllerRef.current?.setIndicators(overlays), [overlays]);

  return (
    <section aria-label="Price chart" className={`flex min-w-0 flex-col gap-2 rounded-lg border border-border bg-panel p-2 ${className}`}>
      <ChartToolbar
        interval={interval}
        onInterval={(minutes) => {
          setChartInterval(minutes);
          onIntervalChange?.(minutes);
        }}
        overlays={overlays}
        onOverlays={setOverlays}
        smaPeriod={SMA_PERIOD}
        emaPeriod={EMA_PERIOD}
      />
      <div className="flex min-w-0 flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <ChartLegend legendRef={legendRef} />
        <ChartStatus
          status={status}
          // without a controller the library itself failed to load: only a reload fetches it again
          onRetry={() => (controllerRef.current ? controllerRef.current.show(symbol, interval) : window.location.reload())}
        />
      </div>
      <div ref={containerRef} className="h-[300px] w-full min-w-0 sm:h-[420px]" />
    </section>
  );
}

function ChartStatus({ status, onRetry }: { status: HistoryStatus; onRetry: () => void }) {
  if (status.phase === 'error') {
    return (
      <p role="alert" className="flex items-center gap-2 text-xs text-down">
        {status.message}
        <button type="button" onClick={onRetry} className="rounded border border-border px-2 py-0.5 text-text hover:bg-panel-2">
          Retry
        </button>
      </p>
    );
  }
  const text = status.phase === 'loading' ? 'Loading candles…' : status.loadingOlder ? 'Loading older candles…' : status.note;
  return (
    <p role="status" className="text-xs text-muted">
      {text}
    </p>
  );
}
