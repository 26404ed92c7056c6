/**
 * `node --import tsx server/bench/trace-summary.ts <trace.json>…`: what the page's main thread spent its
 * time on in a Chromium performance trace (as the render bench writes with BENCH_TRACE_DIR): busy time of
 * the renderer's top-level tasks, the time by trace event (script, style, layout, paint, GC) and the
 * JavaScript functions with the most self time from the sampling profiler.
 */
import { readFileSync } from 'node:fs';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  args?: { name?: string; data?: { cpuProfile?: CpuProfileChunk; timeDeltas?: number[] } };
}
interface CpuProfileChunk {
  nodes?: { id: number; callFrame: { functionName?: string; url?: string; lineNumber?: number; columnNumber?: number }; parent?: number }[];
  samples?: number[];
}

/** Self time (ms) per trace event name on one thread, and the thread's top-level task time. */
export function summariseTrace(events: readonly TraceEvent[]) {
  const mainThread = events.find((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  const onMain = events.filter((e) => mainThread && e.pid === mainThread.pid && e.tid === mainThread.tid && e.ph === 'X');
  const tasks = onMain.filter((e) => e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask');
  const span = onMain.length ? (Math.max(...onMain.map((e) => e.ts + (e.dur ?? 0))) - Math.min(...onMain.map((e) => e.ts))) / 1000 : 0;
  const byName = new Map<string, number>();
  for (const e of onMain) if (e.name !== 'RunTask' && e.name !== 'ThreadControllerImpl::RunTask') byName.set(e.name, (byName.get(e.name) ?? 0) + (e.dur ?? 0) / 1000);
  return {
    spanMs: span,
    busyMs: tasks.reduce((n, e) => n + (e.dur ?? 0) / 1000, 0),
    tasksOver50ms: tasks.filter((e) => (e.dur ?? 0) > 50_000).length,
    events: [...byName].sort((a, b) => b[1] - a[1]),
    functions: profileSelfTime(events.filter((e) => e.name === 'ProfileChunk' && mainThread && e.pid === mainThread.pid)),
  };
}

function profileSelfTime(chunks: readonly TraceEvent[]): [string, number][] {
  const frames = new Map<number, string>();
  const self = new Map<string, number>();
  for (const chunk of chunks) {
    const profile = chunk.args?.data?.cpuProfile;
    for (const node of profile?.nodes ?? []) {
      const { functionName, url, lineNumber, columnNumber } = node.callFrame;
      // bundles are minified: file, line and column find the function in the build's chunk
      frames.set(node.id, `${functionName || '(anonymous)'} ${url?.split('/').pop() ?? ''}:${(lineNumber ?? 0) + 1}:${(columnNumber ?? 0) + 1}`);
    }
    const deltas = chunk.args?.data?.timeDeltas ?? [];
    (profile?.samples ?? []).forEach((id, i) => {
      const name = frames.get(id) ?? `#${id}`;
      self.set(name, (self.get(name) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
    });
  }
  return [...self].sort((a, b) => b[1] - a[1]);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const file of process.argv.slice(2)) {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents?: TraceEvent[] } | TraceEvent[];
    const summary = summariseTrace(Array.isArray(parsed) ? parsed : (parsed.traceEvents ?? []));
    console.log(`\n${file}: main thread busy ${summary.busyMs.toFixed(0)} of ${summary.spanMs.toFixed(0)} ms, ${summary.tasksOver50ms} tasks over 50 ms`);
    for (const [name, ms] of summary.events.slice(0, 15)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${name}`);
    console.log('  JavaScript self time:');
    for (const [name, ms] of summary.functions.slice(0, 25)) console.log(`  ${ms.toFixed(1).padStart(8)} ms  ${name}`);
  }
}
