import { CLASS_BRAND } from '../class-brand';
import { addText, compareDecimal } from '../decimal';
import { AppError } from '../errors';
import { auditRefusal } from '../audit/events';
import type { DeskSettings } from '../db/desk-settings';
import type { MemberLimits } from '../db/limits';
import type { Member } from '../db/members';
import type { AssetPair } from '../kraken/types';
import { dayUsage } from './day-usage';
import { checkLimits, utcDay } from './limits';
import { isUnreachableCode, toAppError } from './kraken-errors';
import { checkPairRules } from './pair-rules';
import type { PlaceDeps } from './place';
import type { OrderPreview } from '../desk-api/preview';
import { buildPreview, referencePrice } from './preview';
import type { Ticket } from './ticket';

/** 409 with the preview: the fat-finger guard wants `confirm: true`. */
export class ConfirmationRequiredError extends AppError {
  static readonly [CLASS_BRAND]: string = 'kraken-desk:ConfirmationRequiredError';
  constructor(readonly preview: OrderPreview) {
    super('confirmation_required', `Confirm this order: ${preview.confirmationReasons.join(' ')}`);
  }
}

export interface CheckOptions {
  /** `order.amend`: the txid whose current value the new one replaces in the daily limit */
  replacing?: string;
  /** a preview already built for this ticket */
  preview?: OrderPreview;
  /** the member's limits, already being read (read here otherwise) */
  limits?: Promise<MemberLimits>;
}

/**
 * The desk's order checks (README "How it fits together"), one function for every door (place, amend, the preview's desk check), run on the order as it
 * would stand — for an amend, the open order with the amend applied: frozen desk → preview → pair rules → a USD value
 * (or the exchange is unreachable) → the member's limits → the fat-finger guard. Throws the first refusal.
 */
export async function checkOrder(deps: PlaceDeps, member: Member, ticket: Ticket, pair: AssetPair, settings: DeskSettings, options: CheckOptions = {}): Promise<{ preview: OrderPreview; notionalUsd: string }> {
  if (settings.frozen) {
    throw new AppError('desk_frozen');
  }
  const preview = options.preview ?? await buildPreview(deps.market, pair, ticket, settings);
  checkPairRules(ticket, pair, referencePrice(ticket, preview));
  if (preview.notionalUsd === undefined) {
    if (isUnreachableCode(preview.marketError)) throw new AppError('exchange_unreachable');
    throw new AppError('notional_unknown');
  }
  const limits = await (options.limits ?? deps.db.limits.get(member.id));
  const maxDay = limits.maxDayUsd;
  const notional = preview.notionalUsd;
  const usedTodayUsd = maxDay === null ? '0' : await dayUsage(deps, member.id, utcDay(deps.now()), {
    exceptTxid: options.replacing,
    wouldRefuse: (used) => compareDecimal(addText(used, notional), maxDay) > 0,
  });
  checkLimits(limits, { symbol: pair.symbol, orderType: ticket.type, notionalUsd: preview.notionalUsd, usedTodayUsd });
  if (preview.confirmationRequired && ticket.confirm !== true) throw new ConfirmationRequiredError(preview);
  return { preview, notionalUsd: preview.notionalUsd };
}

/**
 * Runs `work` (the checks of one attempt); a refusal (an AppError) is written to the audit log as outcome `refused`
 * with its code as the reason, then thrown on unchanged.
 */
export async function auditRefusals<T>(deps: PlaceDeps, member: Member, action: string, detail: Record<string, unknown>, subject: string | undefined, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    const refusal = toAppError(error);
    if (error instanceof AppError) {
      await auditRefusal(deps.db.audit, { id: member.id, username: member.username }, action, refusal.code, { ...detail, message: refusal.message }, subject);
    }
    throw error;
  }
}

/** What the audit keeps of a ticket (no secrets: the ticket is the member's own input). */
export function ticketDetail(ticket: Ticket): Record<string, unknown> {
  const { symbol, side, type, volume, price, price2, displayVolume, flags, timeInForce, idempotencyKey, confirm } = ticket;
  return { symbol, side, type, volume, price, price2, displayVolume, flags, timeInForce, idempotencyKey, confirm };
}
