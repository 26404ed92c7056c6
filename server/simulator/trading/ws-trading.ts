import type { EditChanges } from './edit-order';
import { KrakenError } from './order-request';

/** Thrown for a WS parameter the method does not know (Kraken: `Unsupported field: '<name>'`). */
export function rejectUnknown(params: Record<string, unknown>, allowed: readonly string[]): void {
  for (const key of Object.keys(params)) {
    if (!allowed.includes(key)) throw new KrakenError(`Unsupported field: '${key}'`);
  }
}

const ADD_FIELDS = [
  'token', 'order_type', 'side', 'order_qty', 'cash_order_qty', 'symbol', 'limit_price', 'limit_price_type',
  'triggers', 'time_in_force', 'margin', 'post_only', 'reduce_only', 'effective_time', 'expire_time', 'deadline',
  'cl_ord_id', 'order_userref', 'display_qty', 'fee_preference', 'no_mpp', 'stp_type', 'sender_sub_id', 'validate',
  'conditional',
];
const CONDITIONAL_FIELDS = ['order_type', 'limit_price', 'limit_price_type', 'trigger_price', 'trigger_price_type'];
const TRIGGER_FIELDS = ['reference', 'price', 'price_type'];
export const AMEND_FIELDS = [
  'token', 'order_id', 'cl_ord_id', 'order_qty', 'display_qty', 'limit_price', 'limit_price_type', 'trigger_price',
  'trigger_price_type', 'post_only', 'deadline', 'symbol',
];

/** WS v2 `edit_order` params (Kraken: no `cl_ord_id`, the order is named by `order_id` and its `symbol`). */
export const EDIT_FIELDS = [
  'token', 'order_id', 'symbol', 'order_qty', 'display_qty', 'limit_price', 'triggers', 'post_only', 'reduce_only',
  'fee_preference', 'no_mpp', 'order_userref', 'deadline', 'validate',
];

function text(v: unknown, field: string): string {
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  throw new KrakenError(`EGeneral:Invalid arguments:${field}`);
}

/** `static` → absolute; `pct`/`quote` → Kraken's relative text (`+5%`, `-10`), sign from the value. */
export function priceText(v: unknown, type: unknown, field: string, forceOffset = false): string {
  const value = text(v, field);
  const kind = type ?? (forceOffset ? 'quote' : 'static');
  if (kind === 'static') return value;
  if (kind !== 'pct' && kind !== 'quote') throw new KrakenError(`EGeneral:Invalid arguments:${field}_type`);
  const negative = value.startsWith('-');
  const abs = negative || value.startsWith('+') ? value.slice(1) : value;
  return `${negative ? '-' : '+'}${abs}${kind === 'pct' ? '%' : ''}`;
}

/** RFC 3339 → Unix seconds text for starttm/expiretm. */
function unixText(v: unknown, field: string): string {
  const t = Date.parse(text(v, field));
  if (Number.isNaN(t)) throw new KrakenError(`EGeneral:Invalid arguments:${field}`);
  return String(t / 1000);
}

/** Translates WS v2 add_order params into the REST AddOrder parameter names the parser checks. */
export function addOrderToRest(p: Record<string, unknown>): Record<string, string> {
  rejectUnknown(p, ADD_FIELDS);
  const out: Record<string, string> = {};
  const flags: string[] = [];
  const type = text(p.order_type ?? '', 'order_type');
  out.ordertype = type;
  out.type = text(p.side ?? '', 'side');
  out.pair = text(p.symbol ?? '', 'symbol');
  if (p.cash_order_qty !== undefined) {
    out.volume = text(p.cash_order_qty, 'cash_order_qty');
    flags.push('viqc');
  } else {
    out.volume = text(p.order_qty ?? '', 'order_qty');
  }
  const trailing = type.startsWith('trailing');
  if (p.triggers !== undefined) {
    if (typeof p.triggers !== 'object' || p.triggers === null) throw new KrakenError('EGeneral:Invalid arguments:triggers');
    const tr = p.triggers as Record<string, unknown>;
    rejectUnknown(tr, TRIGGER_FIELDS);
    out.price = priceText(tr.price, tr.price_type, 'triggers', trailing);
    if (trailing && !out.price.startsWith('+')) out.price = `+${out.price.replace(/^-/, '')}`;
    if (tr.reference !== undefined) out.trigger = text(tr.reference, 'reference');
  }
  if (p.limit_price !== undefined) {
    const limit = priceText(p.limit_price, p.limit_price_type, 'limit_price', type === 'trailing-stop-limit');
    if (type.endsWith('-limit')) out.price2 = limit;
    else out.price = limit;
  }
  if (p.time_in_force !== undefined) out.timeinforce = text(p.time_in_force, 'time_in_force').toUpperCase();
  if (p.margin === true) out.leverage = '2';
  if (p.post_only === true) flags.push('post');
  if (p.no_mpp === true) flags.push('nompp');
  if (p.fee_preference === 'base') flags.push('fcib');
  else if (p.fee_preference === 'quote') flags.push('fciq');
  else if (p.fee_preference !== undefined) throw new KrakenError('EGeneral:Invalid arguments:fee_preference');
  if (p.stp_type !== undefined && !['cancel_newest', 'cancel_oldest', 'cancel_both'].includes(String(p.stp_type))) {
    throw new KrakenError('EGeneral:Invalid arguments:stp_type');
  }
  if (p.effective_time !== undefined) out.starttm = unixText(p.effective_time, 'effective_time');
  if (p.expire_time !== undefined) out.expiretm = unixText(p.expire_time, 'expire_time');
  if (p.order_userref !== undefined) out.userref = text(p.order_userref, 'order_userref');
  if (p.cl_ord_id !== undefined) out.cl_ord_id = text(p.cl_ord_id, 'cl_ord_id');
  if (p.display_qty !== undefined) out.displayvol = text(p.display_qty, 'display_qty');
  if (p.validate === true) out.validate = 'true';
  if (p.deadline !== undefined) out.deadline = text(p.deadline, 'deadline');
  if (flags.length) out.oflags = flags.join(',');
  if (p.conditional !== undefined) Object.assign(out, conditionalToClose(p.conditional));
  return out;
}

/** WS `conditional` (OTO close) → REST `close[ordertype]`, `close[price]` (trigger, else limit), `close[price2]`. */
function conditionalToClose(v: unknown): Record<string, string> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new KrakenError('EGeneral:Invalid arguments:conditional');
  const c = v as Record<string, unknown>;
  rejectUnknown(c, CONDITIONAL_FIELDS);
  const type = text(c.order_type ?? '', 'conditional');
  const out: Record<string, string> = { 'close[ordertype]': type };
  const limit = c.limit_price === undefined ? undefined : priceText(c.limit_price, c.limit_price_type, 'limit_price');
  const trigger = c.trigger_price === undefined ? undefined : priceText(c.trigger_price, c.trigger_price_type, 'trigger_price');
  const first = type === 'limit' || type === 'iceberg' ? limit : trigger;
  if (first !== undefined) out['close[price]'] = first;
  if (type.endsWith('-limit') && limit !== undefined) out['close[price2]'] = limit;
  return out;
}

/**
 * Translates WS v2 `edit_order` params into the REST EditOrder changes. `limit_price` is the order's limit (`price`
 * of limit/iceberg, `price2` of the *-limit types), `triggers.price` its trigger; `post_only` and
 * `fee_preference` adjust the original's flags.
 */
export function editOrderToRest(p: Record<string, unknown>, original: { ordertype: string; oflags: string[] }): EditChanges {
  rejectUnknown(p, EDIT_FIELDS);
  const out: EditChanges = {};
  if (p.order_qty !== undefined) out.volume = text(p.order_qty, 'order_qty');
  if (p.display_qty !== undefined) out.displayvol = text(p.display_qty, 'display_qty');
  if (p.limit_price !== undefined) {
    const limit = text(p.limit_price, 'limit_price');
    if (original.ordertype.endsWith('-limit')) out.price2 = limit;
    else out.price = limit;
  }
  if (p.triggers !== undefined) {
    if (typeof p.triggers !== 'object' || p.triggers === null) throw new KrakenError('EGeneral:Invalid arguments:triggers');
    const tr = p.triggers as Record<string, unknown>;
    rejectUnknown(tr, TRIGGER_FIELDS);
    const trailing = original.ordertype.startsWith('trailing');
    out.price = priceText(tr.price, tr.price_type, 'triggers', trailing);
    if (trailing && !out.price.startsWith('+')) out.price = `+${out.price.replace(/^-/, '')}`;
  }
  let flags = [...original.oflags];
  if (p.post_only !== undefined) flags = p.post_only === true ? [...flags.filter((f) => f !== 'post'), 'post'] : flags.filter((f) => f !== 'post');
  if (p.fee_preference !== undefined) {
    if (p.fee_preference !== 'base' && p.fee_preference !== 'quote') throw new KrakenError('EGeneral:Invalid arguments:fee_preference');
    flags = [...flags.filter((f) => f !== 'fcib' && f !== 'fciq'), p.fee_preference === 'base' ? 'fcib' : 'fciq'];
  }
  out.oflags = flags.join(',');
  if (p.order_userref !== undefined) out.userref = text(p.order_userref, 'order_userref');
  if (p.deadline !== undefined) out.deadline = text(p.deadline, 'deadline');
  if (p.validate === true) out.validate = 'true';
  return out;
}
