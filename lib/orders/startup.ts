import type { DeskDb } from '../db/database';
import type { KrakenClient } from '../kraken/rest';
import { startDeadManLoop, type DeadManLoop } from './desk-controls';
import { reconcileOpenIntents } from './reconcile';
import { log as logger } from '../log';

/**
 * What the private path runs beside the desk process (server/desk-services.ts): completes audit intents left
 * open by a crash, and keeps the dead-man's switch armed while it is enabled. Nothing runs without an API key.
 */
export function startPrivatePathLoops(deps: { db: DeskDb; kraken: KrakenClient; hasKey: boolean; log?: (line: string) => void }): { deadMan: DeadManLoop | undefined; stop(): void } {
  if (!deps.hasKey) return { deadMan: undefined, stop: () => undefined };
  const log = deps.log ?? ((line: string) => logger.warn(line));
  reconcileOpenIntents(deps.db, deps.kraken).then((r) => {
    if (r.open > 0) log(`audit: completed ${r.open - r.unknown} of ${r.open} intents left open by the last run (${r.placed} placed, ${r.notPlaced} not placed)`);
  }, (error: unknown) => log(`audit: reconciling open intents failed: ${error instanceof Error ? error.message : String(error)}`));
  const deadMan = startDeadManLoop({ db: deps.db, kraken: deps.kraken, log });
  return { deadMan, stop: () => deadMan.stop() };
}
