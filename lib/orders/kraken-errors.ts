import { AppError, errorEntry } from '../errors';
import { isKrakenError, type KrakenErrorCode } from '../kraken/errors';

/** Status and sentence for a Kraken error code. */
export function krakenMessage(code: KrakenErrorCode): { status: number; message: string } {
  return errorEntry(`kraken_${code}`);
}

/**
 * Any error from a Kraken call as an AppError with a safe message: the code is prefixed `kraken_`
 * and the sentence never carries request bodies, keys or signatures.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isKrakenError(error)) {
    return new AppError(`kraken_${error.code}`);
  }
  return new AppError('internal');
}

/** Codes that mean the desk could not talk to the exchange at all (down, unreachable, overloaded). */
const UNREACHABLE = new Set<string>(['network_error', 'timeout', 'unavailable', 'busy', 'http_error', 'bad_response']);

/** True for an error code (Kraken's, or a preview's `marketError`) that means the exchange could not be reached. */
export function isUnreachableCode(code: string | undefined): boolean {
  return code !== undefined && UNREACHABLE.has(code);
}

/** An error before anything was sent: the exchange being unreachable says so (503), anything else as toAppError. */
export function beforeSendError(error: unknown): AppError {
  if (isKrakenError(error) && isUnreachableCode(error.code)) return new AppError('exchange_unreachable');
  return toAppError(error);
}

/**
 * Kraken answers that refuse the order as it is (funds, size, price, pair, parameters): a repeat of the ticket
 * replays them. Every other failure whose order was proved not placed (service down, rate limits, nonce, key
 * problems, a lost answer whose cl_ord_id lookup found nothing) leaves the ticket free to be sent again.
 */
const DEFINITIVE = new Set<KrakenErrorCode>([
  'insufficient_funds', 'order_minimum', 'cost_minimum', 'tick_size', 'invalid_price', 'invalid_arguments', 'unknown_pair',
  'unknown_order', 'invalid_order', 'unknown', 'internal', 'unknown_outcome',
]);

/** True when a failed AddOrder certainly placed nothing and was not a verdict on the order itself. */
export function isRetryableNotPlaced(error: unknown): boolean {
  if (!isKrakenError(error)) return false;
  if (error.orderOutcome === 'not_placed') return true;
  return !DEFINITIVE.has(error.code) && !UNREACHABLE.has(error.code);
}
