import { CLASS_BRAND, isBrandedInstance } from './class-brand';
import type { KrakenErrorCode } from './kraken/errors';

/**
 * Every refusal or failure the desk answers, once: code → HTTP status → a sentence for people. A throw site
 * names only the code (`new AppError('desk_frozen')`) and may give a more specific sentence (which limit, which
 * pair); `expose: false` means a specific sentence is never shown (it may carry internals) — the table's is.
 * The one error mapper (lib/http/handler.ts) turns an AppError into `{ error: { code, message } }` with `status`
 * for route handlers, and into `{ ok: false, error }` for server actions.
 */
interface ErrorEntry {
  status: number;
  message: string;
  /** a specific message given at the throw site may be shown (default true) */
  expose?: boolean;
  /** other statuses the same refusal is answered with, kept for API compatibility (see `unknown_pair`) */
  alsoStatus?: readonly number[];
}

const DESK_ERRORS = {
  // The request itself (lib/http/handler.ts)
  unauthenticated: { status: 401, message: 'Sign in to continue.' },
  forbidden: { status: 403, message: 'Your role does not allow this.' },
  cross_origin: { status: 403, message: 'This request must come from the desk itself (same-origin Origin header).' },
  unsupported_media_type: { status: 415, message: 'Send the request body as JSON (Content-Type: application/json).' },
  payload_too_large: { status: 413, message: 'The request body is too large.' },
  invalid_json: { status: 400, message: 'The request body is not valid JSON.' },
  invalid_request: { status: 400, message: 'The request is not valid.' },
  internal: { status: 500, message: 'Something went wrong on the desk. Try again; if it keeps happening, tell an admin.', expose: false },
  // Query parameters of the JSON API
  invalid_page: { status: 400, message: 'page must be a whole number from 0.' },
  invalid_status: { status: 400, message: 'status must be "open" or "closed".' },
  invalid_filter: { status: 400, message: 'The filter is not valid.' },
  invalid_format: { status: 400, message: 'format must be "json" or "csv".' },
  invalid_limit: { status: 400, message: 'limit must be 1–1000.' },
  invalid_before: { status: 400, message: 'before must be a row number.' },
  invalid_member_id: { status: 400, message: 'The member id must be a positive whole number.' },
  invalid_order_id: { status: 400, message: 'The order id must be a Kraken txid like OABCDE-FGHIJ-KLMNOP or the ticket\'s UUID.' },
  // Markets: 404 where the pair is what was asked for; 400 where a body names it (member limits' allowed pairs)
  unknown_pair: { status: 404, message: 'This pair is not listed on the exchange.', alsoStatus: [400] },
  pair_not_trading: { status: 409, message: 'This pair is not trading right now.' },
  exchange_unreachable: { status: 503, message: 'The desk cannot reach the exchange right now, so it cannot check or place this order. Nothing was sent; try again in a minute.' },
  // 502 when the exchange answered the candle history with an error, 503 when it did not answer at all
  exchange_unavailable: { status: 503, message: 'The exchange did not answer. Try again shortly.', alsoStatus: [502] },
  unavailable: { status: 503, message: 'The live feed is not running in this process.' },
  // The desk's order checks (lib/orders/checks.ts, limits.ts, pair-rules.ts, trading-rate.ts)
  desk_frozen: { status: 423, message: 'The desk is frozen by an admin: no new orders or amends are accepted.' },
  confirmation_required: { status: 409, message: 'Confirm this order.' },
  notional_unknown: { status: 422, message: 'The desk could not value this order in USD (no price available), so it cannot check your limits. Try a limit order.' },
  limit_pair: { status: 403, message: 'You are not allowed to trade this pair.' },
  limit_order_type: { status: 403, message: 'You are not allowed to place this order type.' },
  limit_order_notional: { status: 403, message: 'This order is above your limit per order.' },
  limit_daily_notional: { status: 403, message: 'This order would take you past your daily limit.' },
  tick_size: { status: 422, message: 'The price is not a multiple of the pair\'s tick size.' },
  lot_decimals: { status: 422, message: 'The volume has more decimals than the pair allows.' },
  order_minimum: { status: 422, message: 'The volume is below the pair\'s minimum order.' },
  cost_minimum: { status: 422, message: 'The order value is below the pair\'s minimum cost.' },
  order_rate_member: { status: 429, message: 'You have used your share of Kraken\'s trading rate limit on this pair for now. Try again shortly.' },
  order_rate_pair: { status: 429, message: 'The team is close to Kraken\'s trading rate limit on this pair. Try again shortly.' },
  invalid_amend: { status: 400, message: 'The amend is not valid.' },
  // Orders and their idempotency keys (lib/orders/place.ts, manage.ts)
  idempotency_key_conflict: { status: 409, message: 'This idempotency key was already used for another member\'s order. Use a new ticket.' },
  idempotency_key_reused: { status: 422, message: 'This idempotency key was already used for a different order. Use a new ticket.' },
  order_in_progress: { status: 409, message: 'This order is still being placed (or the desk stopped while placing it). Check open orders before trying again.' },
  order_not_open: { status: 404, message: 'This order is not open any more (filled, canceled or unknown).' },
  // Members (lib/db/member-rows.ts, admin actions)
  member_not_found: { status: 404, message: 'No such member.' },
  self_change: { status: 400, message: 'You cannot change your own account this way; ask another admin.' },
  invalid_role: { status: 400, message: 'Role must be viewer, trader or admin.' },
  invalid_username: { status: 400, message: 'Username must be 3 to 32 characters: letters, digits, "_", "." or "-".' },
  username_taken: { status: 409, message: 'This username is already taken.' },
  // Members' second factor, re-authentication and sign-in (lib/auth)
  reauth_required: { status: 403, message: 'Please confirm it is you: enter your password (or your authenticator code) again. Sensitive changes need a confirmation from the last 5 minutes.' },
  reauth_failed: { status: 400, message: 'That password or code is not right.' },
  // 409 when a member tries to turn off a second factor their role requires
  second_factor_required: { status: 403, message: 'Your desk requires two-factor sign-in for your role. Set it up first at /account/security.', alsoStatus: [409] },
  no_enrolment: { status: 409, message: 'Start the set-up again: there is no authenticator waiting to be confirmed.' },
  // 400 when a member asks to confirm with a code but has no authenticator
  not_enrolled: { status: 409, message: 'Two-factor sign-in is not set up.', alsoStatus: [400] },
  already_enrolled: { status: 409, message: 'Two-factor sign-in is already set up. Turn it off first to set up another authenticator.' },
  invalid_code: { status: 400, message: 'That code is not right. Type the 6-digit code your authenticator app shows now, or a recovery code.' },
  code_throttled: { status: 429, message: 'Too many wrong codes. Wait a moment and try again.' },
  login_throttled: { status: 429, message: 'Too many failed attempts. Wait a moment and try again.' },
  busy: { status: 503, message: 'The desk is busy checking other sign-ins. Try again in a few seconds.' },
  // A member's own screen settings (PUT /api/me/settings)
  invalid_settings: { status: 400, message: 'The settings are not valid.' },
  // Four eyes (lib/approvals)
  invalid_approval_id: { status: 400, message: 'The approval id must be a positive whole number.' },
  approval_not_found: { status: 404, message: 'No such approval request.' },
  approval_gone: { status: 409, message: 'This approval request no longer exists.' },
  self_approval: { status: 403, message: 'You cannot approve or reject your own request: a second member must decide it.' },
  not_an_approver: { status: 403, message: 'Only traders and admins can decide approval requests.' },
  approval_pending: { status: 409, message: 'This request is still waiting for a decision.' },
  approval_approved: { status: 409, message: 'This request was already approved.' },
  approval_placed: { status: 409, message: 'This request was already approved and its order placed.' },
  approval_rejected: { status: 409, message: 'This request was rejected.' },
  approval_expired: { status: 409, message: 'This request expired before anyone decided it.' },
  approval_failed: { status: 409, message: 'This request was approved but its order could not be placed.' },
  requester_disabled: { status: 409, message: 'The requester\'s account is disabled: reject this request instead.' },
  requester_cannot_trade: { status: 409, message: 'The requester no longer has a role that may trade: reject this request instead.' },
  reason_required: { status: 400, message: 'Say why the order is rejected: the requester sees the reason.' },
  // Paper mode (lib/paper/reset.ts)
  not_paper: { status: 409, message: 'This desk is not in paper mode: there is no paper account to reset.' },
  paper_exchange_unreachable: { status: 502, message: 'The paper exchange did not answer. Check that `npm run paper` is still running.' },
  paper_exchange_error: { status: 502, message: 'The paper exchange answered something unexpected.' },
} as const satisfies Record<string, ErrorEntry>;

/** Every Kraken error code (lib/kraken/errors.ts) as the desk answers it, under `kraken_<code>`. */
const KRAKEN_ERRORS = {
  kraken_invalid_nonce: { status: 502, message: 'Kraken refused the request signature order (invalid nonce). Nothing was placed; try again.' },
  kraken_invalid_key: { status: 502, message: 'The desk\'s Kraken API key was refused. An admin needs to check the key.' },
  kraken_invalid_signature: { status: 502, message: 'Kraken could not verify the desk\'s request signature. An admin needs to check the API secret.' },
  kraken_permission_denied: { status: 502, message: 'The desk\'s Kraken API key lacks the permission for this. An admin needs to update the key\'s permissions.' },
  kraken_rate_limited: { status: 429, message: 'Kraken is rate-limiting the desk right now. Wait a few seconds and try again.' },
  kraken_trading_rate_limited: { status: 429, message: 'Too many orders on this pair in a short time (Kraken\'s trading rate limit). Wait a few seconds and try again.' },
  kraken_throttled: { status: 429, message: 'Kraken asked the desk to slow down. Wait a moment and try again.' },
  kraken_insufficient_funds: { status: 422, message: 'The account does not have enough funds for this order.' },
  kraken_order_minimum: { status: 422, message: 'The order is below Kraken\'s minimum size for this pair.' },
  kraken_cost_minimum: { status: 422, message: 'The order value is below Kraken\'s minimum cost for this pair.' },
  kraken_tick_size: { status: 422, message: 'The price is not a multiple of the pair\'s tick size.' },
  kraken_invalid_price: { status: 422, message: 'Kraken refused the price (too many decimals or a bad relative price).' },
  kraken_invalid_arguments: { status: 422, message: 'Kraken refused the order\'s parameters.' },
  kraken_unknown_pair: { status: 422, message: 'Kraken does not know this pair.' },
  kraken_unknown_order: { status: 404, message: 'Kraken does not know this order.' },
  kraken_invalid_order: { status: 422, message: 'Kraken refused the order.' },
  kraken_unavailable: { status: 503, message: 'Kraken is unavailable right now (maintenance or outage). Try again later.' },
  kraken_busy: { status: 503, message: 'Kraken is busy right now. Try again in a moment.' },
  kraken_market_cancel_only: { status: 409, message: 'The market is in cancel-only mode: new orders are not accepted, only cancels.' },
  kraken_market_post_only: { status: 409, message: 'The market is in post-only mode: only post-only limit orders are accepted.' },
  kraken_deadline_elapsed: { status: 504, message: 'Kraken did not handle the order before its deadline, so it was not placed. Try again.' },
  kraken_temporary_lockout: { status: 502, message: 'Kraken has temporarily locked the desk\'s API key after repeated errors. An admin needs to check the key.' },
  kraken_invalid_token: { status: 502, message: 'Kraken refused the desk\'s session token. Try again.' },
  kraken_unknown_method: { status: 502, message: 'Kraken does not support this request.' },
  kraken_http_error: { status: 502, message: 'Kraken answered with an HTTP error. Try again.' },
  kraken_network_error: { status: 502, message: 'The desk could not reach Kraken. Try again.' },
  kraken_timeout: { status: 504, message: 'Kraken did not answer in time. Try again.' },
  kraken_bad_response: { status: 502, message: 'Kraken sent an answer the desk could not read.' },
  kraken_unknown_outcome: { status: 502, message: 'The desk lost Kraken\'s answer and could not yet confirm whether the order was placed. Check open orders before placing it again.' },
  kraken_internal: { status: 502, message: 'Kraken reported an internal error. Try again later.' },
  kraken_unknown: { status: 502, message: 'Kraken refused the request.' },
} as const satisfies Record<`kraken_${KrakenErrorCode}`, ErrorEntry>;

export const ERRORS = { ...DESK_ERRORS, ...KRAKEN_ERRORS } as const;

/** A code of the table: a typo fails the typecheck. */
export type AppErrorCode = keyof typeof ERRORS;

type AlsoStatus<C extends AppErrorCode> = (typeof ERRORS)[C] extends { alsoStatus: readonly (infer S)[] } ? S : never;

/** What a throw site may add: a specific sentence, and for the few codes that have one, their other status. */
export type AppErrorDetail<C extends AppErrorCode> = string | { message?: string; status?: AlsoStatus<C> };

/** An error the desk answers with its table entry. Anything else thrown is unexpected: logged, answered as `internal`. */
export class AppError<C extends AppErrorCode = AppErrorCode> extends Error {
  // `instanceof AppError` holds for AppErrors of every bundle's copy of this module (lib/class-brand.ts).
  static readonly [CLASS_BRAND]: string = 'kraken-desk:AppError';
  static [Symbol.hasInstance](value: unknown): boolean {
    return isBrandedInstance(this, value);
  }

  readonly code: C;
  readonly status: number;

  constructor(code: C, detail?: AppErrorDetail<C>) {
    const entry: ErrorEntry = ERRORS[code];
    const specific = typeof detail === 'string' ? detail : detail?.message;
    super(specific !== undefined && entry.expose !== false ? specific : entry.message);
    this.name = 'AppError';
    this.code = code;
    const status: unknown = typeof detail === 'object' ? detail.status : undefined;
    this.status = typeof status === 'number' && (entry.alsoStatus ?? []).includes(status) ? status : entry.status;
  }
}

export function isAppErrorCode(code: unknown): code is AppErrorCode {
  return typeof code === 'string' && Object.hasOwn(ERRORS, code);
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}

/** The table entry of a code: its status and the sentence for people. */
export function errorEntry(code: AppErrorCode): { status: number; message: string } {
  const { status, message } = ERRORS[code];
  return { status, message };
}
