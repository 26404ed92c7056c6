import { compareDecimal, isDecimalText } from '../decimal';

/**
 * What the member is told once POST /api/orders answers 201. The answer carries the order's status right
 * after placing (`status`, and Kraken's `reason` when it cancelled the order at once: an IOC with nothing to
 * fill, a post-only order that would have taken). Older answers only have the order's own status; then the
 * toast says what it always said.
 */
export interface PlacedAnswer {
  /** the answer's top-level status, else the order's */
  status: string | undefined;
  reason: string | undefined;
  /** base quantity filled before Kraken cancelled the rest, when known */
  filled: string | undefined;
}

export interface Outcome {
  tone: 'success' | 'error';
  title: string;
  message: string | undefined;
}

/** @param what e.g. "Buy 0.01 BTC limit" */
export function placedOutcome(what: string, answer: PlacedAnswer): Outcome {
  const status = answer.status?.toLowerCase();
  const because = answer.reason ? `Kraken: ${answer.reason}.` : undefined;
  const partly = answer.filled && isDecimalText(answer.filled) && compareDecimal(answer.filled, '0') > 0 ? `${answer.filled} filled before that. ` : '';
  if (status === 'canceled' || status === 'cancelled') {
    return { tone: 'error', title: `${what} order cancelled by Kraken`, message: `${partly}${because ?? 'Kraken cancelled it as soon as it was placed.'}` };
  }
  if (status === 'expired') return { tone: 'error', title: `${what} order expired`, message: `${partly}${because ?? 'Kraken expired it as soon as it was placed.'}` };
  const said: Record<string, string> = { open: 'Open on the book.', closed: 'Filled.', pending: 'Waiting for Kraken to open it.' };
  return { tone: 'success', title: `${what} order placed`, message: status ? (said[status] ?? `Status: ${status}.`) : undefined };
}
