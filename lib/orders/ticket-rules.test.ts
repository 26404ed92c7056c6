import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { describe, test } from 'node:test';
import { AppError } from '../errors';
import { KrakenError, type KrakenErrorCode } from '../kraken/errors';
import { checkLimits, utcDay } from './limits';
import { isRetryableNotPlaced, krakenMessage, toAppError } from './kraken-errors';
import { stepText } from '../decimal';
import { checkPairRules, type PairRules } from './pair-rules';
import { amendSchema, clOrdIdFor, orderFieldIssues, ticketSchema, type Ticket } from './ticket';

const base = { symbol: 'BTC/USD', side: 'buy', type: 'limit', volume: '0.01', price: '30000.5', idempotencyKey: randomUUID() };
const issue = (input: unknown) => {
  const parsed = ticketSchema.safeParse(input);
  return parsed.success ? 'ok' : `${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}`;
};

describe('ticket schema', () => {
  test('accepts a plain ticket and names the field for each mistake', () => {
    assert.equal(issue(base), 'ok');
    assert.equal(issue({ ...base, volume: '1e3' }), 'volume: volume must be a positive decimal number such as "0.01" (no exponent, no sign)');
    assert.equal(issue({ ...base, volume: '0.000' }), 'volume: volume must be greater than zero');
    assert.equal(issue({ ...base, price: undefined }), 'price: a limit order needs a price');
    assert.equal(issue({ ...base, type: 'market' }), 'price: a market order takes no price');
    assert.equal(issue({ ...base, type: 'stop-loss-limit' }), 'price2: a stop-loss-limit order needs price2 (the limit price after the trigger)');
    assert.equal(issue({ ...base, timeInForce: 'GTD' }), 'expireAt: a GTD order needs expireAt');
    assert.equal(issue({ ...base, flags: ['fcib', 'fciq'] }), 'flags: fcib and fciq cannot both be set');
    assert.equal(issue({ ...base, idempotencyKey: 'abc' }), 'idempotencyKey: idempotencyKey must be a UUID (one per ticket), e.g. crypto.randomUUID()');
    assert.match(issue({ ...base, extra: 1 }), /Unrecognized key/);
    assert.equal(issue({ ...base, price: '+5' }), 'price: a limit price must be an absolute price such as "30000.5"');
  });

  test('the idempotency key becomes a lowercase long-UUID cl_ord_id', () => {
    assert.equal(clOrdIdFor('6F9619FF-8B86-D011-B42D-00C04FC964FF'), '6f9619ff-8b86-d011-b42d-00c04fc964ff');
  });
});

const BTC: PairRules = { symbol: 'BTC/USD', baseCode: 'BTC', quoteCode: 'USD', tickSize: '0.1', lotDecimals: 8, ordermin: '0.0001', costmin: '0.5', costDecimals: 5, status: 'online' };
const rule = (ticket: Partial<Ticket>, ref?: string) => {
  try {
    checkPairRules({ ...(base as Ticket), ...ticket }, BTC, ref);
    return 'ok';
  } catch (error) {
    return (error as AppError).message;
  }
};

describe('pair rules and limits', () => {
  test('each rule has its own message', () => {
    assert.equal(rule({}), 'ok');
    assert.equal(rule({ price: '30000.55' }), 'Price 30000.55 is not a multiple of the BTC/USD tick size 0.1.');
    assert.equal(rule({ volume: '0.000000001' }), 'Volume 0.000000001 has more than 8 decimals; BTC/USD volumes go in steps of 0.00000001 BTC.');
    assert.equal(rule({ volume: '0.00005' }), 'Volume 0.00005 BTC is below the BTC/USD minimum order of 0.0001 BTC.');
    assert.equal(rule({ type: 'market', price: undefined, volume: '0.0001' }, '1000'), 'Order value 0.10000 USD is below the BTC/USD minimum cost of 0.5 USD.');
    assert.equal(stepText(0), '1');
  });

  test('limits: pairs, types, per order and per UTC day, in exact decimals', () => {
    const limits = { memberId: 1, maxOrderUsd: '1000', maxDayUsd: '1500', allowedPairs: ['BTC/USD'], allowedTypes: ['limit'], updatedAt: null };
    const order = { symbol: 'BTC/USD', orderType: 'limit', notionalUsd: '1000', usedTodayUsd: '500' };
    assert.doesNotThrow(() => checkLimits(limits, order));
    assert.throws(() => checkLimits(limits, { ...order, notionalUsd: '1000.01' }), { code: 'limit_order_notional' });
    assert.throws(() => checkLimits(limits, { ...order, usedTodayUsd: '500.01' }), { code: 'limit_daily_notional', message: /would take you to 1500\.01 USD today/ });
    assert.throws(() => checkLimits(limits, { ...order, symbol: 'ETH/USD' }), { code: 'limit_pair' });
    assert.throws(() => checkLimits(limits, { ...order, orderType: 'market' }), { code: 'limit_order_type' });
    assert.equal(utcDay(new Date('2026-03-01T23:59:59.999-05:00')), '2026-03-02');
  });
});

describe('Kraken errors as sentences', () => {
  test('every code maps to a status and a sentence without Kraken\'s raw text', () => {
    const codes: KrakenErrorCode[] = ['invalid_nonce', 'insufficient_funds', 'unavailable', 'unknown_outcome', 'market_cancel_only', 'unknown'];
    for (const code of codes) {
      const { status, message } = krakenMessage(code);
      assert.ok(status >= 400 && message.endsWith('.'), code);
    }
    const mapped = toAppError(new KrakenError('insufficient_funds', 'EOrder:Insufficient funds', { krakenErrors: ['EOrder:Insufficient funds'] }));
    assert.deepEqual([mapped.code, mapped.status, mapped.message], ['kraken_insufficient_funds', 422, 'The account does not have enough funds for this order.']);
    assert.equal(toAppError(new Error('secret stuff')).message.includes('secret'), false);
  });
});

describe('amend fields by order type', () => {
  test('an amend gives only what changes; each type takes the fields Kraken can amend', () => {
    const issues = (type: string, fields: Record<string, string>) => orderFieldIssues({ type, ...fields }, false).map((i) => `${i.path}: ${i.message}`);
    assert.deepEqual(issues('trailing-stop', { volume: '1' }), [], 'volume alone, no price');
    assert.deepEqual(issues('trailing-stop', { price: '+1.5%' }), []);
    assert.deepEqual(issues('trailing-stop', { price: '500' }), ['price: a trailing-stop price is the trailing offset and must start with "+", e.g. "+500" or "+1.5%"']);
    assert.deepEqual(issues('trailing-stop-limit', { price: '+500', price2: '-10' }), []);
    assert.deepEqual(issues('trailing-stop-limit', { price2: '30000' }), ['price2: a trailing-stop-limit price2 must be an offset starting with + or -']);
    assert.deepEqual(issues('stop-loss-limit', { price2: '30000.5' }), []);
    assert.deepEqual(issues('limit', { price2: '30000.5' }), ['price2: a limit order takes no price2']);
    assert.deepEqual(issues('iceberg', { displayVolume: '0.1' }), []);
    assert.deepEqual(issues('limit', { displayVolume: '0.1' }), ['displayVolume: displayVolume is only for iceberg orders']);
    assert.deepEqual(issues('limit', { price: '+5' }), ['price: a limit price must be an absolute price such as "30000.5"']);
  });

  test('the amend body takes confirm, and needs one field to change besides it', () => {
    assert.equal(amendSchema.safeParse({ volume: '5', confirm: true }).success, true);
    assert.equal(amendSchema.safeParse({ confirm: true }).success, false);
  });
});

describe('which failed placements free their ticket', () => {
  test('proved not placed, or refused for a passing reason → retryable; a verdict on the order or an open outcome → replayed', () => {
    const err = (code: KrakenErrorCode, notPlaced = false) => new KrakenError(code, code, notPlaced ? { orderOutcome: 'not_placed' } : {});
    assert.equal(isRetryableNotPlaced(err('unavailable', true)), true, 'EService:Unavailable, looked up, absent');
    assert.equal(isRetryableNotPlaced(err('trading_rate_limited')), true);
    assert.equal(isRetryableNotPlaced(err('invalid_nonce')), true);
    assert.equal(isRetryableNotPlaced(err('unavailable')), false, 'not looked up: the outcome is open');
    assert.equal(isRetryableNotPlaced(err('unknown_outcome')), false);
    assert.equal(isRetryableNotPlaced(err('insufficient_funds')), false);
    assert.equal(isRetryableNotPlaced(err('invalid_arguments')), false);
    assert.equal(isRetryableNotPlaced(new Error('bug')), false);
  });
});
