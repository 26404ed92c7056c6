import type { DeskDb } from '../db/database';
import type { DeadManState } from '../desk-services';
import type { KrakenClient } from '../kraken/rest';
import { DEAD_MAN_REFRESH_MS, DEAD_MAN_TIMEOUT_SECONDS, startDeadManLoop, type DeadManLoop } from './desk-controls';
import { ORPHAN_INTENT_AFTER_MS, reconcileOpenIntents } from './reconcile';
import { log as logger } from '../log';

/** Nothing refreshes the switch from this process (no API key, or the services not started yet). */
export function idleDeadManState(): DeadManState {
  return { refreshing: false, lastRefreshedAt: null, lastError: null, refreshEveryMs: DEAD_MAN_REFRESH_MS, timeoutSeconds: DEAD_MAN_TIMEOUT_SECONDS };
}

export interface PrivatePathLoops {
  deadMan: DeadManLoop | undefined;
  /** the dead-man's switch as this process keeps it, for /admin */
  deadManState(): DeadManState;
  stop(): void;
}

/**
 * What the private path runs beside the desk (server/services-builder.ts starts it with the services, under the
 * custom server and under `next start` alike): completes audit intents left open by a crash, and keeps the
 * dead-man's switch armed while it is enabled. Nothing runs without an API key.
 *
 * Serverless (Vercel): the refresh is a timer in each instance, so it runs while an instance lives — while it
 * serves requests and, above all, while it holds a live feed stream (`/api/feed`, up to FEED_STREAM_MAX_SECONDS,
 * resumed by every open tab). A desk with no open tab and no requests for 60 s has no instance refreshing, and
 * Kraken then cancels every open order: the switch does what it says, and /admin shows when this instance last
 * refreshed it.
 */
export function startPrivatePathLoops(deps: { db: DeskDb; kraken: KrakenClient; hasKey: boolean; log?: (line: string) => void }): PrivatePathLoops {
  if (!deps.hasKey) return { deadMan: undefined, deadManState: idleDeadManState, stop: () => undefined };
  const log = deps.log ?? ((line: string) => logger.warn(line));
  const reconcile = () => reconcileOpenIntents(deps.db, deps.kraken, { olderThanMs: shared ? ORPHAN_INTENT_AFTER_MS : 0 }).then((r) => {
    if (r.open > 0) log(`audit: completed ${r.open - r.unknown} of ${r.open} intents left open by a stopped desk process (${r.placed} placed, ${r.notPlaced} not placed)`);
  }, (error: unknown) => log(`audit: reconciling open intents failed: ${error instanceof Error ? error.message : String(error)}`));
  // One process: every open intent at start is the last run's. Several: a peer may be mid-call, so only old intents
  // are orphans, and the pass repeats to complete those of an instance that died while the others kept running.
  const shared = deps.db.shared.crossProcess;
  void reconcile();
  const timer = shared ? setInterval(() => void reconcile(), ORPHAN_INTENT_AFTER_MS) : undefined;
  timer?.unref();
  const deadMan = startDeadManLoop({ db: deps.db, kraken: deps.kraken, log });
  return {
    deadMan,
    deadManState: () => ({
      refreshing: true,
      lastRefreshedAt: deadMan.lastArmedAt(),
      lastError: deadMan.lastError(),
      refreshEveryMs: DEAD_MAN_REFRESH_MS,
      timeoutSeconds: DEAD_MAN_TIMEOUT_SECONDS,
    }),
    stop: () => {
      if (timer) clearInterval(timer);
      deadMan.stop();
    },
  };
}
