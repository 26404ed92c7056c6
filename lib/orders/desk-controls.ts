import { z } from 'zod';
import { AppError } from '../errors';
import { auditedCall, auditEvent, SYSTEM_ACTOR } from '../audit/events';
import type { DeskDb } from '../db/database';
import type { DeskSettings } from '../db/desk-settings';
import type { LimitsInput, MemberLimits } from '../db/limits';
import type { Member } from '../db/members';
import { isKrakenError } from '../kraken/errors';
import type { KrakenClient } from '../kraken/rest';
import { toAppError } from './kraken-errors';
import { cancelAllOrders } from './manage';
import { actorOf, type PlaceDeps } from './place';
import { ORDER_TYPES } from '../desk-api/orders';

/** Kraken's recommendation for the dead-man's switch: refresh every 15–30 s with a 60 s timeout. */
export const DEAD_MAN_TIMEOUT_SECONDS = 60;
export const DEAD_MAN_REFRESH_MS = 20_000;

const usdAmount = z.string().regex(/^\d+(\.\d{1,2})?$/, 'must be a USD amount such as "5000" or "2500.50"').nullable();

/** Admin input for a member's limits (null = no limit). */
export const limitsSchema = z.strictObject({
  maxOrderUsd: usdAmount,
  maxDayUsd: usdAmount,
  allowedPairs: z.array(z.string().regex(/^[A-Z0-9.]{1,16}\/[A-Z0-9.]{1,16}$/, 'pairs look like "BTC/USD"')).max(500).nullable(),
  allowedTypes: z.array(z.enum(ORDER_TYPES)).nullable(),
});

export const thresholdsSchema = z.strictObject({
  confirmSlippageBps: z.string().regex(/^\d+(\.\d+)?$/, 'must be a number of basis points such as "50"').optional(),
  confirmNotionalUsd: z.string().regex(/^\d+(\.\d+)?$/, 'must be a USD amount such as "25000"').optional(),
});

export const freezeSchema = z.strictObject({ frozen: z.boolean({ error: 'frozen must be true or false' }) });
export const deadManSchema = z.strictObject({ enabled: z.boolean({ error: 'enabled must be true or false' }) });

/** Freezes (blocks new orders, cancels every open order) or unfreezes the desk. Audited. */
export async function setFrozen(deps: PlaceDeps, admin: Member, frozen: boolean): Promise<{ settings: DeskSettings; cancelled: number | null }> {
  const settings = await deps.db.deskSettings.update({ frozen });
  await auditEvent(deps.db.audit, actorOf(admin), frozen ? 'desk.freeze' : 'desk.unfreeze', { frozen });
  if (!frozen) return { settings, cancelled: null };
  const { cancelled } = await cancelAllOrders(deps, admin, 'desk.freeze.cancel_all');
  return { settings, cancelled };
}

/** Turns the dead-man's switch on (arms CancelAllOrdersAfter now) or off (disarms with timeout 0). Audited. */
export async function setDeadManSwitch(deps: PlaceDeps, admin: Member, enabled: boolean): Promise<{ settings: DeskSettings; triggerTime: string | null }> {
  const settings = await deps.db.deskSettings.update({ deadManSwitch: enabled });
  await auditEvent(deps.db.audit, actorOf(admin), enabled ? 'desk.dead_man.enable' : 'desk.dead_man.disable', { enabled });
  const timeout = enabled ? DEAD_MAN_TIMEOUT_SECONDS : 0;
  try {
    const result = await auditedCall(deps.db.audit, { actor: actorOf(admin), action: 'order.cancel_all_after', detail: { timeout } },
      () => deps.kraken.private.cancelAllOrdersAfter(timeout), {
        ok: (r) => r,
        error: (e) => ({ outcome: 'error', detail: isKrakenError(e) ? { code: e.code } : { code: 'internal' } }),
      });
    return { settings, triggerTime: result.triggerTime ?? null };
  } catch (error) {
    throw toAppError(error);
  }
}

export async function setThresholds(db: DeskDb, admin: Member, input: z.output<typeof thresholdsSchema>): Promise<DeskSettings> {
  const settings = await db.deskSettings.update(input);
  await auditEvent(db.audit, actorOf(admin), 'desk.thresholds', input);
  return settings;
}

/** Sets a member's limits (admin). Audited with the new values. */
export async function setMemberLimits(db: DeskDb, admin: Member, memberId: number, limits: LimitsInput): Promise<MemberLimits> {
  const target = await db.members.findById(memberId);
  if (!target) throw new AppError('member_not_found');
  const saved = await db.limits.set(memberId, limits, admin.id);
  await auditEvent(db.audit, actorOf(admin), 'member.limits', limits, { subject: target.username });
  return saved;
}

export interface DeadManLoop {
  /** the last successful refresh, ISO time */
  lastArmedAt(): string | null;
  lastError(): string | null;
  stop(): void;
}

/**
 * While the switch is on, re-arms Kraken's CancelAllOrdersAfter(60) every 20 s, so if the desk dies every open
 * order is cancelled within a minute. The periodic refreshes are not audited (the enable/disable are).
 */
export function startDeadManLoop(deps: { db: DeskDb; kraken: KrakenClient; intervalMs?: number; log?: (line: string) => void }): DeadManLoop {
  let armedAt: string | null = null;
  let error: string | null = null;
  let running = false;
  const tick = async () => {
    if (running) return;
    running = true;
    try {
      if (!(await deps.db.deskSettings.get()).deadManSwitch) return;
      await deps.kraken.private.cancelAllOrdersAfter(DEAD_MAN_TIMEOUT_SECONDS);
      armedAt = new Date().toISOString();
      error = null;
    } catch (e) {
      error = isKrakenError(e) ? e.code : 'internal';
      deps.log?.(`dead-man's switch refresh failed: ${error}`);
    } finally {
      running = false;
    }
  };
  void tick();
  const timer = setInterval(() => void tick(), deps.intervalMs ?? DEAD_MAN_REFRESH_MS);
  timer.unref();
  return { lastArmedAt: () => armedAt, lastError: () => error, stop: () => clearInterval(timer) };
}

export { SYSTEM_ACTOR };
