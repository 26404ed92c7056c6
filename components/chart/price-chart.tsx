'use client';

import dynamic from 'next/dynamic';
import { useCallback, useEffect, useId, useRef, useState, type RefObject } from 'react';
import { fetchOhlcPage } from '@/lib/candles/ohlc-client';
import { draggedPrice, type FillLike, type OrderLike } from '@/lib/candles/own-marks';
import { subscribeCandles } from '@/lib/feed/candle-stores';
import type { DragProposal } from './chart-amend';
import { ChartLegend, writeLegend } from './chart-legend';
import type { OrderDrop } from './chart-order-drag';
import { ChartToolbar, type ChartSettings } from './chart-toolbar';
import type { HistoryStatus, PriceChartController, SubscribeLive } from './price-chart-controller';

export interface PriceChartProps {
  /** WS v2 symbol, e.g. `BTC/USD` */
  symbol: string;
  /** the pair's price decimals (legend and price axis) */
  pricePrecision: number;
  /** the pair's quantity decimals (volume in the legend) */
  qtyPrecision: number;
  /** interval, scale, type and studies (the member's saved choice) */
  settings?: ChartSettings;
  /** told when the member changes any of them (to remember it) */
  onSettings?: (patch: Partial<ChartSettings>) => void;
  /** draw the member's open orders and fills on this pair (needs a signed-in page) */
  showOwn?: boolean;
  /** the member may amend orders: their lines can be dragged to a new price */
  canAmend?: boolean;
  /** the pair's tick: a dragged line proposes a price on it */
  tickSize?: string;
  /** live candles; defaults to the tab's feed (`subscribeCandles` from lib/feed/candle-stores) */
  subscribeLive?: SubscribeLive;
  className?: string;
  /** the chart's height (Tailwind classes): the page sizes it, e.g. from the window height */
  heightClass?: string;
}

// the account reads (open orders, fills) behind the chart's own lines come after the page is up
const ChartOwnFeed = dynamic(() => import('./chart-own-feed').then((m) => m.ChartOwnFeed), { ssr: false });
// the confirmation and the amend call load when a line is first dropped
const ChartAmend = dynamic(() => import('./chart-amend').then((m) => m.ChartAmend), { ssr: false });

const INITIAL_STATUS: HistoryStatus = { phase: 'loading', loadingOlder: false, complete: false };
const DEFAULT_SETTINGS: ChartSettings = { interval: 60, scale: 'normal', type: 'candles', indicators: [] };

/**
 * Candlesticks (or a line, or Heikin-Ashi) with volume, studies, the member's orders and fills, and an
 * OHLCV legend. History comes from `/api/ohlc` (older pages as the member scrolls left), the running
 * candle from the live feed. The chart instance lives in PriceChartController for the component's whole
 * mount; changing interval or symbol reloads its data. The controller (and lightweight-charts, about a
 * fifth of the page's JavaScript) is loaded after the page is up, so the book, tape and ticket are live
 * before the chart library has arrived.
 */
export function PriceChart({ symbol, pricePrecision, qtyPrecision, settings: saved, onSettings, showOwn = false, canAmend = false, tickSize = '', subscribeLive, className = '', heightClass = 'h-[clamp(18rem,55dvh,34rem)]' }: PriceChartProps) {
  const ownListId = useId();
  const sectionRef = useRef<HTMLElement>(null);
  const containerRef = useRef<HTMLDivElement>(null);
  const legendRef = useRef<HTMLDListElement>(null);
  const controllerRef = useRef<PriceChartController | null>(null);
  const precisionRef = useRef({ price: pricePrecision, qty: qtyPrecision });
  const subscribeRef = useRef<SubscribeLive>(subscribeLive ?? subscribeCandles);
  const [local, setLocal] = useState<ChartSettings>(saved ?? DEFAULT_SETTINGS);
  const settings = saved ?? local;
  const [status, setStatus] = useState<HistoryStatus>(INITIAL_STATUS);
  const ownRef = useRef<{ orders: readonly OrderLike[]; fills: readonly FillLike[] } | undefined>(undefined);
  const wantedRef = useRef({ symbol, settings, pricePrecision, tickSize, canAmend: showOwn && canAmend });
  const [proposal, setProposal] = useState<DragProposal | undefined>();
  // a line let go at a new price: find its order and propose the price on the tick, or put the line back
  const onDrop = useCallback(({ id, price }: OrderDrop) => {
    const { pricePrecision: pp, tickSize: tick } = wantedRef.current;
    const order = ownRef.current?.orders.find((o) => o.txid === id);
    const text = draggedPrice(price, tick, pp);
    if (!order || text === undefined || Number(text) === Number(order.price)) controllerRef.current?.releaseOrder(id);
    else setProposal({ order, price: text });
  }, []);
  const endProposal = useCallback(() => {
    setProposal((p) => {
      if (p) controllerRef.current?.releaseOrder(p.order.txid);
      return undefined;
    });
  }, []);
  const onOwn = useCallback((orders: readonly OrderLike[], fills: readonly FillLike[]) => {
    ownRef.current = { orders, fills };
    controllerRef.current?.setOwn(orders, fills);
  }, []);

  useEffect(() => {
    precisionRef.current = { price: pricePrecision, qty: qtyPrecision };
    subscribeRef.current = subscribeLive ?? subscribeCandles;
    wantedRef.current = { symbol, settings, pricePrecision, tickSize, canAmend: showOwn && canAmend };
  });

  useChartController({ container: containerRef, controller: controllerRef, legend: legendRef, precision: precisionRef, subscribe: subscribeRef, wanted: wantedRef, own: ownRef }, onDrop, setStatus);

  useEffect(() => controllerRef.current?.setPrecision(pricePrecision), [pricePrecision]);
  useEffect(() => controllerRef.current?.show(symbol, settings.interval), [symbol, settings.interval]);
  useEffect(() => controllerRef.current?.setIndicators(settings.indicators), [settings.indicators]);
  useEffect(() => controllerRef.current?.setScale(settings.scale), [settings.scale]);
  useEffect(() => controllerRef.current?.setType(settings.type), [settings.type]);

  const change = (patch: Partial<ChartSettings>) => {
    setLocal((s) => ({ ...s, ...patch }));
    onSettings?.(patch);
  };

  return (
    <section ref={sectionRef} aria-label="Price chart" className={`flex min-w-0 flex-col gap-2 rounded-lg border border-border bg-panel p-2 ${heightClass} ${className}`}>
      <ChartToolbar settings={settings} onChange={change} onFullscreen={() => void sectionRef.current?.requestFullscreen?.().catch(() => undefined)} />
      <div className="flex min-w-0 flex-wrap items-baseline justify-between gap-x-3 gap-y-1">
        <ChartLegend legendRef={legendRef} />
        <ChartStatus
          status={status}
          // without a controller the library itself failed to load: only a reload fetches it again
          onRetry={() => (controllerRef.current ? controllerRef.current.show(symbol, settings.interval) : window.location.reload())}
        />
      </div>
      {showOwn ? <ChartOwnFeed symbol={symbol} onOwn={onOwn} listId={ownListId} canAmend={canAmend} /> : null}
      <div
        ref={containerRef}
        role="img"
        aria-label={`Candles of ${symbol}`}
        aria-describedby={showOwn ? ownListId : undefined}
        className="min-h-0 w-full min-w-0 flex-1"
      />
      {proposal ? <ChartAmend proposal={proposal} symbol={symbol} pricePrecision={pricePrecision} onDone={endProposal} /> : null}
    </section>
  );
}

/** What the chart should show; read when the controller arrives, so choices made while it loaded are kept. */
interface Wanted {
  symbol: string;
  settings: ChartSettings;
  pricePrecision: number;
  tickSize: string;
  canAmend: boolean;
}

interface ControllerRefs {
  container: RefObject<HTMLDivElement | null>;
  controller: RefObject<PriceChartController | null>;
  legend: RefObject<HTMLDListElement | null>;
  precision: RefObject<{ price: number; qty: number }>;
  subscribe: RefObject<SubscribeLive>;
  wanted: RefObject<Wanted>;
  own: RefObject<{ orders: readonly OrderLike[]; fills: readonly FillLike[] } | undefined>;
}

/** Loads PriceChartController (and lightweight-charts) once per mount into `refs.controller`; disposes it on unmount. */
function useChartController(refs: ControllerRefs, onDrop: (drop: OrderDrop) => void, setStatus: (status: HistoryStatus) => void): void {
  useEffect(() => {
    const el = refs.container.current;
    if (!el) return;
    let disposed = false;
    void import('./price-chart-controller').then(
      ({ PriceChartController }) => {
        if (disposed) return;
        const controller = new PriceChartController(el, {
          subscribeLive: (s, i, listener) => refs.subscribe.current(s, i, listener),
          fetchPage: (request) => fetchOhlcPage(request),
          onLegend: (candle, studies) => writeLegend(refs.legend.current, candle, refs.precision.current, studies),
          onStatus: setStatus,
        });
        refs.controller.current = controller;
        // whatever the member picked while the library loaded
        const wanted = refs.wanted.current;
        controller.setPrecision(wanted.pricePrecision);
        controller.setType(wanted.settings.type);
        controller.setScale(wanted.settings.scale);
        controller.show(wanted.symbol, wanted.settings.interval);
        controller.setIndicators(wanted.settings.indicators);
        if (wanted.canAmend) controller.enableOrderDrag(onDrop);
        if (refs.own.current) controller.setOwn(refs.own.current.orders, refs.own.current.fills);
      },
      () => {
        if (!disposed) setStatus({ phase: 'error', message: 'The chart could not load. Check your connection and reload.', loadingOlder: false, complete: false });
      },
    );
    return () => {
      disposed = true;
      refs.controller.current?.dispose();
      refs.controller.current = null;
    };
  }, []);
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
  const text =
    status.phase === 'loading' ? 'Loading candles…' : status.loadingOlder ? 'Loading older candles…' : (status.note ?? (status.complete ? 'Start of history' : undefined));
  return (
    <p role="status" className="text-xs text-muted">
      {text}
    </p>
  );
}
