import type { DeskDb } from '../db/database';
import type { KrakenClient } from '../kraken/rest';
import { startDeadManLoop, type DeadManLoop } from './desk-controls';
import { reconcileOpenIntents } from './reconcile';

/** An intent older than this is no call in flight (a request times out after 15 s; its lookup follows within 10 s). */
const ORPHAN_AFTER_MS = 60_000;

/**
 * What the private path runs beside the desk process (server/desk-services.ts): completes audit intents left
 * open by a crash, and keeps the dead-man's switch armed while it is enabled. Nothing runs without an API key.
 */
export function startPrivatePathLoops(deps: { db: DeskDb; kraken: KrakenClient; hasKey: boolean; log?: (line: string) => void }): { deadMan: DeadManLoop | undefined; stop(): void } {
  if (!deps.hasKey) return { deadMan: undefined, stop: () => undefined };
  const log = deps.log ?? ((line: string) => console.warn(line));
  const reconcile = () => reconcileOpenIntents(deps.db, deps.kraken, { olderThanMs: shared ? ORPHAN_AFTER_MS : 0 }).then((r) => {
    if (r.open > 0) log(`audit: completed ${r.open - r.unknown} of ${r.open} intents left open by a stopped desk process (${r.placed} placed, ${r.notPlaced} not placed)`);
  }, (error: unknown) => log(`audit: reconciling open intents failed: ${error instanceof Error ? error.message : String(error)}`));
  // One process: every open intent at start is the last run's. Several: a peer may be mid-call, so only old intents
  // are orphans, and the pass repeats to complete those of an instance that died while the others kept running.
  const shared = deps.db.shared.crossProcess;
  void reconcile();
  const timer = shared ? setInterval(() => void reconcile(), ORPHAN_AFTER_MS) : undefined;
  timer?.unref();
  const deadMan = startDeadManLoop({ db: deps.db, kraken: deps.kraken, log });
  return { deadMan, stop: () => { if (timer) clearInterval(timer); deadMan.stop(); } };
}
