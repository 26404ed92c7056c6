import { AppError } from '../errors';
import { isKrakenError, type KrakenErrorCode } from '../kraken/errors';

/** Every KrakenError code as a sentence a member understands, with the HTTP status the API answers. */
const KRAKEN_MESSAGES: Record<KrakenErrorCode, [number, string]> = {
  invalid_nonce: [502, 'Kraken refused the request signature order (invalid nonce). Nothing was placed; try again.'],
  invalid_key: [502, 'The desk\'s Kraken API key was refused. An admin needs to check the key.'],
  invalid_signature: [502, 'Kraken could not verify the desk\'s request signature. An admin needs to check the API secret.'],
  permission_denied: [502, 'The desk\'s Kraken API key lacks the permission for this. An admin needs to update the key\'s permissions.'],
  rate_limited: [429, 'Kraken is rate-limiting the desk right now. Wait a few seconds and try again.'],
  trading_rate_limited: [429, 'Too many orders on this pair in a short time (Kraken\'s trading rate limit). Wait a few seconds and try again.'],
  throttled: [429, 'Kraken asked the desk to slow down. Wait a moment and try again.'],
  insufficient_funds: [422, 'The account does not have enough funds for this order.'],
  order_minimum: [422, 'The order is below Kraken\'s minimum size for this pair.'],
  cost_minimum: [422, 'The order value is below Kraken\'s minimum cost for this pair.'],
  tick_size: [422, 'The price is not a multiple of the pair\'s tick size.'],
  invalid_price: [422, 'Kraken refused the price (too many decimals or a bad relative price).'],
  invalid_arguments: [422, 'Kraken refused the order\'s parameters.'],
  unknown_pair: [422, 'Kraken does not know this pair.'],
  unknown_order: [404, 'Kraken does not know this order.'],
  invalid_order: [422, 'Kraken refused the order.'],
  unavailable: [503, 'Kraken is unavailable right now (maintenance or outage). Try again later.'],
  busy: [503, 'Kraken is busy right now. Try again in a moment.'],
  market_cancel_only: [409, 'The market is in cancel-only mode: new orders are not accepted, only cancels.'],
  market_post_only: [409, 'The market is in post-only mode: only post-only limit orders are accepted.'],
  deadline_elapsed: [504, 'Kraken did not handle the order before its deadline, so it was not placed. Try again.'],
  temporary_lockout: [502, 'Kraken has temporarily locked the desk\'s API key after repeated errors. An admin needs to check the key.'],
  invalid_token: [502, 'Kraken refused the desk\'s session token. Try again.'],
  unknown_method: [502, 'Kraken does not support this request.'],
  http_error: [502, 'Kraken answered with an HTTP error. Try again.'],
  network_error: [502, 'The desk could not reach Kraken. Try again.'],
  timeout: [504, 'Kraken did not answer in time. Try again.'],
  bad_response: [502, 'Kraken sent an answer the desk could not read.'],
  unknown_outcome: [502, 'The desk lost Kraken\'s answer and could not yet confirm whether the order was placed. Check open orders before placing it again.'],
  internal: [502, 'Kraken reported an internal error. Try again later.'],
  unknown: [502, 'Kraken refused the request.'],
};

/** Status and sentence for a Kraken error code. */
export function krakenMessage(code: KrakenErrorCode): { status: number; message: string } {
  const [status, message] = KRAKEN_MESSAGES[code];
  return { status, message };
}

/**
 * Any error from a Kraken call as an AppError with a safe message: the code is prefixed `kraken_`
 * and the sentence never carries request bodies, keys or signatures.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  if (isKrakenError(error)) {
    const { status, message } = krakenMessage(error.code);
    return new AppError(`kraken_${error.code}`, status, message);
  }
  return new AppError('internal', 500, 'Something went wrong on the desk. Try again; if it keeps happening, tell an admin.');
}

/** Codes that mean the desk could not talk to the exchange at all (down, unreachable, overloaded). */
const UNREACHABLE = new Set<string>(['network_error', 'timeout', 'unavailable', 'busy', 'http_error', 'bad_response']);

/** True for an error code (Kraken's, or a preview's `marketError`) that means the exchange could not be reached. */
export function isUnreachableCode(code: string | undefined): boolean {
  return code !== undefined && UNREACHABLE.has(code);
}

export const EXCHANGE_UNREACHABLE_MESSAGE = 'The desk cannot reach the exchange right now, so it cannot check or place this order. Nothing was sent; try again in a minute.';

/** An error before anything was sent: the exchange being unreachable says so (503), anything else as toAppError. */
export function beforeSendError(error: unknown): AppError {
  if (isKrakenError(error) && isUnreachableCode(error.code)) return new AppError('exchange_unreachable', 503, EXCHANGE_UNREACHABLE_MESSAGE);
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
